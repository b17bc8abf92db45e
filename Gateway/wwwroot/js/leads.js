// The lead view: who, stage and attempts, whether they may be contacted, and the activity timeline (newest first)
// with calls, durations, playable recordings, voicemail transcriptions, texts with delivery ticks, dispositions
// and follow-ups. Entries are updated in place by the gateway, so a refresh re-renders by id.
import { get } from './api.js';
import { dateTime, duration, el, phone, reasonWords } from './format.js';

const $ = id => document.getElementById(id);

export class LeadsView {
  constructor({ onCall, onText }) {
    this.onCall = onCall;
    this.onText = onText;
    this.current = null;
  }

  async refreshList() {
    const leads = await get('/api/leads?limit=50');
    this.renderList($('lead-list'), leads, lead => this.open(lead.id));
    this.renderList($('recent-leads'), leads.slice(0, 8), lead => this.open(lead.id, true), true);
    return leads;
  }

  renderList(list, leads, open, withCall = false) {
    list.replaceChildren(...(leads.length ? leads.map(lead => el('li', {},
      el('button', { type: 'button', class: 'row', 'aria-current': String(lead.id === this.current), onclick: () => open(lead) },
        el('strong', { text: lead.name || phone(lead.phone) }), ' ', el('span', { class: 'muted', text: `${phone(lead.phone)} · ${lead.stage}` })),
      withCall ? el('button', { type: 'button', 'aria-label': `Call ${lead.name || phone(lead.phone)}`, onclick: () => this.onCall(lead), text: 'Call' }) : null,
    )) : [el('li', { class: 'muted', text: 'No leads yet: press a call or text someone.' })]));
  }

  async open(id, switchView = false) {
    this.current = id;
    if (switchView) window.dispatchEvent(new CustomEvent('show-view', { detail: 'leads' }));
    const [lead, page] = await Promise.all([get(`/api/leads/${encodeURIComponent(id)}`), get(`/api/leads/${encodeURIComponent(id)}/timeline?limit=50`)]);
    this.render(lead, page);
    for (const button of $('lead-list').querySelectorAll('button.row')) button.setAttribute('aria-current', 'false');
  }

  async refreshIfShowing(leadId) {
    if (leadId && leadId === this.current) await this.open(leadId);
  }

  render(lead, page) {
    const view = $('lead-view');
    const blocked = lead.blocked ? el('p', { class: 'badge bad', text: reasonWords[lead.blocked] || lead.blocked }) : null;
    const followUps = lead.followUps.filter(f => f.status === 'scheduled' || f.status === 'due');
    view.replaceChildren(...[
      el('div', { class: 'lead-head' },
        el('div', {}, el('h3', { text: lead.name || phone(lead.phone) }),
          el('p', { class: 'muted', text: `${phone(lead.phone)}${lead.state ? ` · ${lead.state}` : ''} · ${lead.stage} · ${lead.callAttempts} call attempt${lead.callAttempts === 1 ? '' : 's'}` })),
        el('div', { class: 'actions' },
          el('button', { type: 'button', class: 'primary', onclick: () => this.onCall(lead), disabled: !!lead.blocked, text: 'Call' }),
          el('button', { type: 'button', onclick: () => this.onText(lead), text: 'Text' }))),
      blocked,
      followUps.length ? el('p', {}, el('strong', { text: 'Follow-up: ' }), followUps.map(f => `${f.disposition} ${f.status === 'due' ? 'due now' : dateTime(f.dueAt)}`).join(', ')) : null,
      el('h4', { text: 'Activity' }),
      el('ol', { class: 'timeline', 'aria-label': 'Activity, newest first' }, page.entries.map(entry)),
    ].filter(Boolean));
  }
}

function entry(item) {
  const d = item.details || {};
  const children = [el('span', { class: 'when', text: dateTime(item.at) }), el('span', { class: 'summary', text: item.summary })];
  if (item.type === 'call') {
    const facts = [];
    if (d.route) facts.push(d.route === 'iphone' ? 'iPhone' : 'Twilio');
    const seconds = d.duration ?? d.durationSeconds;
    if (seconds) facts.push(duration(seconds));
    if (d.twilioStatus || d.status) facts.push(d.twilioStatus || d.status);
    if (facts.length) children.push(el('span', { class: 'muted', text: ` · ${facts.join(' · ')}` }));
  }
  if (d.recordingSid) {
    children.push(el('audio', { controls: true, preload: 'none', src: `/api/recordings/${encodeURIComponent(d.recordingSid)}`,
      'aria-label': item.type === 'voicemail' ? 'Voicemail recording' : 'Call recording' }));
  }
  if (item.type === 'voicemail' && d.transcription) children.push(el('blockquote', { text: d.transcription }));
  if (item.type === 'sms' && d.direction === 'outbound') children.push(el('span', { class: `tick ${d.status}`, text: ` ${tick(d.status)}` }));
  return el('li', { 'data-type': item.type, 'data-id': item.id }, children);
}

export function tick(status) {
  switch (status) {
    case 'delivered': return '✓✓ delivered';
    case 'sent': return '✓ sent';
    case 'failed': case 'undelivered': return `✗ ${status}`;
    default: return status || '';
  }
}
