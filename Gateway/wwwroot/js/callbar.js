// The call bar: who, via which caller ID, which route and why, a timer, and the controls that fit the call.
import { post } from './api.js';
import { duration, phone, reasonWords, time } from './format.js';

const $ = id => document.getElementById(id);
const ENDED = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled', 'not-placed']);

export class CallBar {
  constructor({ device, nodeStatus, onEnded, toast }) {
    this.device = device;
    this.nodeStatus = nodeStatus; // () => the node's last known { state, reason, since }
    this.onEnded = onEnded;       // (call) => the disposition prompt
    this.toast = toast;
    this.call = null;
    $('cb-answer').addEventListener('click', () => this.answer());
    $('cb-decline').addEventListener('click', () => this.decline());
    $('cb-fallback').addEventListener('click', () => this.fallback());
    $('cb-end').addEventListener('click', () => this.end());
    $('cb-close').addEventListener('click', () => this.hide());
    $('cb-mute').addEventListener('click', e => this.toggle(e.currentTarget, on => device.mute(this.call, on)));
    $('cb-hold').addEventListener('click', e => this.toggle(e.currentTarget, on => device.hold(this.call, on)));
    setInterval(() => this.tick(), 1000);
  }

  // A press answered by the gateway (201/200): show where it went and why.
  showPress(view, lead) {
    this.call = { kind: 'press', callId: view.callId, leadId: view.leadId, name: lead.name, to: view.to, callerId: view.callerId,
      route: view.route, status: view.status, confirmed: view.confirmed, reason: view.reason, reasonDetail: view.reasonDetail,
      fallbackUrl: view.fallbackUrl, startedAt: Date.now(), callSid: null };
    this.render();
  }

  showIncoming(event) {
    this.call = { kind: 'incoming', callSid: event.callSid, leadId: event.leadId, name: event.callerName, to: event.from, callerId: event.to,
      route: 'twilio', status: 'ringing', startedAt: Date.now() };
    this.render();
  }

  // call-updated events: a press's outcome, the browser leg's progress, Twilio's status callbacks.
  update(event) {
    const call = this.call;
    if (!call) return;
    const mine = (event.callId && event.callId === call.callId) || (event.callSid && event.callSid === call.callSid);
    if (!mine) return;
    if (event.callSid && !call.callSid && call.route === 'twilio') call.callSid = event.callSid;
    if (event.status === 'in-progress' && call.status !== 'in-progress') call.startedAt = Date.now();
    if (event.status) call.status = event.status === 'placed' && call.route === 'iphone' ? 'placed' : event.status;
    if (event.route) call.route = event.route;
    if (ENDED.has(event.status) && call.kind !== 'incoming-ended') this.finish();
    else this.render();
  }

  async answer() {
    await this.device.answer(this.call);
    this.call.status = 'in-progress';
    this.call.startedAt = Date.now();
    this.call.kind = 'incoming-answered';
    this.render();
  }

  async decline() {
    await this.device.decline(this.call);
    this.call.status = 'declined';
    this.render();
    this.toast('Declined: the caller goes to voicemail.');
    setTimeout(() => this.hide(), 1500);
  }

  async fallback() {
    const button = $('cb-fallback');
    button.disabled = true;
    try {
      const view = await post(this.call.fallbackUrl);
      this.showPress(view, { name: this.call.name });
      this.toast('Sent through Twilio instead.');
    } catch (error) {
      this.toast(error.message);
    } finally {
      button.disabled = false;
    }
  }

  // iPhone calls end on the iPhone: "Call ended" records that here and opens the disposition prompt.
  async end() {
    if (this.call.route === 'twilio') await this.device.hangup(this.call);
    this.finish();
  }

  finish() {
    const call = this.call;
    if (!call || call.finished) return;
    call.finished = true;
    call.endedAt = Date.now();
    this.render();
    setTimeout(() => { if (this.call === call) this.hide(); }, 4000);
    if (call.callId && call.status !== 'not-placed') this.onEnded(call);
  }

  hide() { this.call = null; $('callbar').hidden = true; }

  toggle(button, apply) {
    const on = button.getAttribute('aria-pressed') !== 'true';
    button.setAttribute('aria-pressed', String(on));
    apply(on);
  }

  tick() {
    if (this.call && !this.call.finished) $('cb-timer').textContent = duration((Date.now() - this.call.startedAt) / 1000);
  }

  routeWords(call) {
    if (call.kind?.startsWith('incoming')) return 'Incoming call in this browser';
    if (call.route === 'iphone') {
      return call.confirmed ? 'Dialed on your iPhone' : `${reasonWords[call.reason] || 'The Mac did not confirm the dial'} — it may be ringing on your iPhone`;
    }
    if (call.route === 'twilio') {
      const node = this.nodeStatus();
      let why = reasonWords[call.reason] || call.reasonDetail || 'Twilio';
      if ((call.reason || '').startsWith('node-') && node?.since && node.state !== 'up') why = `Mac node down since ${time(node.since)}`;
      return call.reason ? `${why} — sent through Twilio` : 'Through Twilio';
    }
    return call.reasonDetail || reasonWords[call.reason] || 'Not placed';
  }

  render() {
    const call = this.call;
    const bar = $('callbar');
    if (!call) { bar.hidden = true; return; }
    bar.hidden = false;
    const incoming = call.kind === 'incoming';
    bar.classList.toggle('incoming', incoming);
    $('cb-name').textContent = incoming ? `Incoming: ${call.name || phone(call.to)}` : (call.name || 'Lead');
    $('cb-number').textContent = phone(call.to);
    $('cb-via').textContent = call.callerId ? `${incoming ? 'to' : 'via'} ${phone(call.callerId)}` : '';
    const badge = $('cb-route');
    badge.textContent = call.route === 'iphone' ? 'iPhone' : call.route === 'twilio' ? 'Twilio' : 'Not placed';
    badge.className = `badge ${call.route || 'bad'}`;
    badge.dataset.route = call.route || 'none';
    $('cb-reason').textContent = this.routeWords(call);
    $('cb-status').textContent = call.finished ? 'Call ended' : statusWords(call);
    const live = !call.finished && !incoming;
    const browser = call.route === 'twilio' && live;
    $('cb-answer').hidden = !(incoming && !call.finished);
    $('cb-decline').hidden = !(incoming && !call.finished);
    $('cb-fallback').hidden = !(call.fallbackUrl && call.status === 'unconfirmed' && !call.finished);
    $('cb-mute').hidden = !browser;
    $('cb-hold').hidden = !browser;
    $('cb-end').hidden = !live || call.status === 'not-placed';
    $('cb-end').textContent = call.route === 'iphone' ? 'Call ended' : 'End';
    $('cb-close').hidden = !(call.finished || call.status === 'not-placed');
    this.tick();
  }
}

function statusWords(call) {
  switch (call.status) {
    case 'placed': return call.route === 'iphone' ? 'On your iPhone' : 'Connecting';
    case 'unconfirmed': return 'Unconfirmed';
    case 'dialing': return 'Dialing';
    case 'in-progress': return 'Connected';
    case 'ringing': return 'Ringing';
    case 'declined': return 'Declined';
    default: return (call.status || '').replace('-', ' ');
  }
}
