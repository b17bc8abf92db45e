// The agent console: sign-in, the sections, live events, presses. Each part lives in its own module.
import { ApiError, del, get, post, setCsrf } from './api.js';
import { CallBar } from './callbar.js';
import { LiveDevice, SimulatedDevice } from './device.js';
import { DispositionPrompt } from './dispositions.js';
import { dateTime, el, phone, reasonWords, time } from './format.js';
import { LeadsView } from './leads.js';
import { MessagesView, showA2p } from './messages.js';
import { SettingsView } from './settings.js';

const $ = id => document.getElementById(id);
const state = { session: null, node: null, leads: [], events: null, presence: null, pressId: null };

function toast(text) {
  const box = $('toast');
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 6000);
}

// ---- sign-in -------------------------------------------------------------------------------------------
async function boot() {
  $('signin-form').addEventListener('submit', signIn);
  $('signout').addEventListener('click', signOut);
  window.addEventListener('signed-out', () => { if (state.session) showSignIn('Your session has ended. Sign in again.'); });
  try {
    start(await get('/api/session'));
  } catch {
    showSignIn();
  }
}

async function signIn(event) {
  event.preventDefault();
  $('signin-error').textContent = '';
  try {
    start(await post('/api/session', { apiKey: $('apikey').value }));
    $('apikey').value = '';
  } catch (error) {
    $('signin-error').textContent = error.message;
  }
}

async function signOut() {
  try { await del('/api/session'); } catch { /* already gone */ }
  showSignIn('Signed out.');
}

function showSignIn(message = '') {
  state.session = null;
  setCsrf(null);
  state.events?.close();
  clearInterval(state.presence);
  $('app').hidden = true;
  $('signin').hidden = false;
  $('signin-error').textContent = message;
  $('apikey').focus();
}

// ---- the console ---------------------------------------------------------------------------------------
let callBar, prompt, leads, messages, settings, device;

function start(session) {
  state.session = session;
  setCsrf(session.csrfToken);
  $('signin').hidden = true;
  $('app').hidden = false;
  $('tenant-name').textContent = session.tenantName;
  $('agent-name').textContent = session.agentId;
  $('simulator-card').hidden = !session.simulated;
  if (!device) {
    device = session.simulated ? new SimulatedDevice() : new LiveDevice(session.voiceSdkUrl, session.voiceSdkIntegrity);
    device.on('incoming', call => callBar.showIncoming(call));
    device.on('ended', call => callBar.update({ callSid: call.callSid, status: 'completed' }));
    device.on('error', error => toast(`Browser phone: ${error.message}`));
    prompt = new DispositionPrompt({ toast, onApplied: result => { leads.refreshIfShowing(result.leadId); refreshDue(); } });
    callBar = new CallBar({ device, nodeStatus: () => state.node, onEnded: call => prompt.open(call).catch(e => toast(e.message)), toast });
    leads = new LeadsView({ onCall: lead => press({ to: lead.phone, leadName: lead.name, leadState: lead.state, leadId: lead.id }), onText: lead => messages.open(lead.phone, lead) });
    messages = new MessagesView({ toast });
    settings = new SettingsView({ toast, onModeChanged: showMode });
    wireNav();
    wirePress();
    $('sim-incoming').addEventListener('click', simulateIncoming);
  }
  device.start().catch(error => toast(`Browser calling is off: ${error.message}`));
  heartbeat();
  clearInterval(state.presence);
  state.presence = setInterval(heartbeat, 30000);
  connectEvents();
  refreshNode();
  leads.refreshList().then(list => { state.leads = list; });
  refreshDue();
  messages.refreshThreads();
  settings.refresh();
  showA2p();
  show('call');
}

function heartbeat() { post('/api/presence/heartbeat').catch(() => null); }

function wireNav() {
  for (const button of document.querySelectorAll('nav [data-view]')) button.addEventListener('click', () => show(button.dataset.view));
  window.addEventListener('show-view', e => show(e.detail));
}

function show(view) {
  for (const panel of document.querySelectorAll('[data-panel]')) panel.hidden = panel.dataset.panel !== view;
  for (const button of document.querySelectorAll('nav [data-view]')) {
    if (button.dataset.view === view) button.setAttribute('aria-current', 'page'); else button.removeAttribute('aria-current');
  }
  if (view === 'leads') leads.refreshList();
  if (view === 'messages') messages.refreshThreads();
  if (view === 'settings') settings.refresh();
}

function showMode(mode) {
  const words = { 'iphone-primary': 'iPhone first', 'twilio-only': 'Twilio only', 'iphone-only': 'iPhone only' };
  $('mode-badge').textContent = `${state.session.simulated ? 'Simulated Twilio' : 'Live Twilio'} · ${words[mode] || mode}`;
}

// ---- node status ---------------------------------------------------------------------------------------
async function refreshNode() {
  const nodes = await get('/api/nodes').catch(() => []);
  state.node = nodes.find(n => n.nodeId === state.session.nodeId) || nodes[0] || null;
  const badge = $('node-badge');
  const node = state.node;
  if (!node) {
    badge.className = 'badge neutral';
    badge.dataset.state = 'none';
    badge.textContent = 'No Mac node: calls go through Twilio';
    return;
  }
  badge.dataset.state = node.state;
  badge.className = `badge ${node.state === 'up' ? 'up' : node.state === 'down' ? 'down' : 'unknown'}`;
  const why = node.reason && node.state !== 'up' ? ` — ${node.reason}` : '';
  badge.textContent = node.state === 'up' ? `Mac node up since ${time(node.since)}` : `Mac node ${node.state} since ${time(node.since)}${why}`;
  badge.title = `${node.nodeId}: ${node.state} since ${dateTime(node.since)}${why}`;
}

// ---- live events (SSE, with the session cookie) --------------------------------------------------------
function connectEvents() {
  state.events?.close();
  const events = new EventSource('/api/events');
  state.events = events;
  const on = (name, fn) => events.addEventListener(name, e => { try { fn(JSON.parse(e.data)); } catch (error) { console.error(name, error); } });
  for (const name of ['node-up', 'node-down', 'node-unknown']) on(name, refreshNode);
  on('call-updated', e => { callBar.update(e); leads.refreshIfShowing(e.leadId); });
  on('incoming-call', e => { if (e.ringing === 'browser' && device.simulated) callBar.showIncoming(e); leads.refreshList(); });
  on('recording', e => leads.refreshIfShowing(e.leadId));
  on('voicemail', e => leads.refreshIfShowing(e.leadId));
  on('voicemail-transcribed', e => { toast(`New voicemail: “${e.text}”`); leads.refreshIfShowing(e.leadId); });
  for (const name of ['sms-sent', 'sms-status', 'sms-received']) on(name, e => messages.refreshIfShowing(e.to || e.from));
  for (const name of ['followup-due', 'followup-scheduled', 'followup-done', 'followup-cancelled']) on(name, () => refreshDue());
  on('followup-due', e => toast(`Follow-up due: ${e.disposition} — ${phone(e.phone)}`));
  on('disposition-set', e => leads.refreshIfShowing(e.leadId));
  for (const name of ['a2p-verified', 'a2p-failed', 'a2p-changed']) on(name, showA2p);
  on('opt-out', e => toast(`${phone(e.from)} opted out (STOP).`));
  events.onerror = async () => {
    if (events.readyState === EventSource.CLOSED) {
      try { await get('/api/session'); setTimeout(connectEvents, 2000); } catch { /* signed-out event shows the sign-in */ }
    }
  };
}

// ---- press call ----------------------------------------------------------------------------------------
function wirePress() {
  $('press-form').addEventListener('submit', event => {
    event.preventDefault();
    const to = $('press-to').value.trim();
    press({ to, leadName: $('press-name').value.trim() || undefined, leadState: $('press-state').value.trim().toUpperCase() || undefined,
      record: $('press-record').checked || undefined, overrideCallingHours: $('press-override').checked || undefined });
  });
  // A changed number is a new press (new call id); retrying the same press keeps its id, so it never dials twice.
  for (const id of ['press-to', 'press-name', 'press-state']) $(id).addEventListener('input', () => { state.pressId = null; });
}

function leadIdFor(to) {
  const digits = to.replace(/\D/g, '');
  const e164 = to.trim().startsWith('+') ? `+${digits}` : digits.length === 10 ? `+1${digits}` : digits.length === 11 && digits.startsWith('1') ? `+${digits}` : digits;
  const known = state.leads.find(l => l.phone === e164);
  return known ? known.id : e164;
}

async function press(request) {
  const error = $('press-error');
  error.textContent = '';
  const leadId = request.leadId || leadIdFor(request.to);
  state.pressId ||= crypto.randomUUID();
  const button = document.querySelector('#press-form button[type=submit]');
  button.disabled = true;
  try {
    const view = await post('/api/calls', { ...request, leadId, callId: state.pressId });
    state.pressId = null;
    callBar.showPress(view, { name: request.leadName });
    if (view.route === 'twilio' && !device.simulated && view.twilio?.mode === 'browser') await device.connect(view.twilio.params);
    leads.refreshList().then(list => { state.leads = list; });
  } catch (e) {
    if (e instanceof ApiError && e.status !== 503 && e.status < 500) state.pressId = null;
    error.textContent = refusal(e);
    show('call');
  } finally {
    button.disabled = false;
  }
}

// A refusal in words: what it is, and for calling hours when it may be placed.
function refusal(error) {
  if (!(error instanceof ApiError)) return `The gateway could not be reached: ${error.message}`;
  const p = error.problem;
  if (p.reason === 'outside-calling-hours' && p.nextAllowedAt) {
    return `${reasonWords[p.reason]} The next allowed time is ${new Date(p.nextAllowedAt).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' })} (your time).`;
  }
  return reasonWords[p.reason] ? `${reasonWords[p.reason]} ${p.detail || ''}`.trim() : error.message;
}

async function refreshDue() {
  const due = (await get('/api/followups?status=due&limit=20').catch(() => null))?.followUps || [];
  const scheduled = (await get('/api/followups?status=scheduled&limit=20').catch(() => null))?.followUps || [];
  const all = [...due, ...scheduled];
  $('due-list').replaceChildren(...(all.length ? all.map(f => el('li', { 'data-followup': f.id },
    el('span', {}, el('strong', { text: f.disposition }), ` ${phone(f.phone)} · `, el('span', { class: f.status === 'due' ? 'badge warn' : 'muted', text: f.status === 'due' ? 'due now' : dateTime(f.dueAt) })),
    el('button', { type: 'button', onclick: () => leads.open(f.leadId, true), text: 'Open' }),
    el('button', { type: 'button', onclick: async () => { await post(`/api/followups/${f.id}/done`); refreshDue(); }, text: 'Done' }))) : [el('li', { class: 'muted', text: 'Nothing scheduled.' })]));
}

async function simulateIncoming() {
  try {
    await post('/api/simulator/incoming-call', {});
    toast('A simulated caller is dialling your number…');
  } catch (error) { toast(error.message); }
}

boot();
