// Messages: threads with unread counts, one conversation, a send box with the live segment and encoding count,
// and the A2P 10DLC state as a banner while texting is off.
import { get, post } from './api.js';
import { dateTime, el, phone } from './format.js';
import { tick } from './leads.js';
import { measure } from './segments.js';

const $ = id => document.getElementById(id);

export class MessagesView {
  constructor({ toast }) {
    this.toast = toast;
    this.contact = null;
    $('new-thread').addEventListener('submit', e => { e.preventDefault(); this.open($('new-thread-to').value.trim()); });
  }

  async refreshThreads() {
    const threads = await get('/api/sms/threads');
    const unread = threads.reduce((n, t) => n + t.unread, 0);
    $('unread-total').hidden = unread === 0;
    $('unread-total').textContent = String(unread);
    $('thread-list').replaceChildren(...(threads.length ? threads.map(t => el('li', {},
      el('button', { type: 'button', class: 'row', 'aria-current': String(t.contact === this.contact), onclick: () => this.open(t.contact) },
        el('strong', { text: t.leadName || phone(t.contact) }),
        t.unread ? el('span', { class: 'count', 'aria-label': `${t.unread} unread`, text: String(t.unread) }) : null,
        el('span', { class: 'muted', text: ` ${t.lastBody.slice(0, 60)}` })))) : [el('li', { class: 'muted', text: 'No texts yet.' })]));
  }

  async open(contact, lead) {
    this.contact = contact;
    this.lead = lead;
    window.dispatchEvent(new CustomEvent('show-view', { detail: 'messages' }));
    let messages = [];
    try {
      messages = await get(`/api/sms/threads/${encodeURIComponent(contact)}`);
      if (messages.length) this.contact = messages[0].contact;
    } catch (error) {
      if (error.reason === 'invalid-number') { this.toast(error.message); return; }
      // thread-not-found: a new conversation
    }
    this.render(messages);
    this.refreshThreads();
  }

  async refreshIfShowing(contact) {
    if (this.contact && (!contact || contact === this.contact)) await this.open(this.contact, this.lead);
    else await this.refreshThreads();
  }

  render(messages) {
    const box = el('textarea', { id: 'sms-body', rows: 3, maxlength: 1600, 'aria-describedby': 'sms-meter' });
    const meter = el('p', { id: 'sms-meter', class: 'meter muted', 'aria-live': 'polite' });
    const showMeter = () => {
      const m = measure(box.value);
      meter.textContent = box.value ? `${m.characters} characters · ${m.encoding} · ${m.segments} segment${m.segments === 1 ? '' : 's'}` : 'GSM-7 · 0 segments';
    };
    box.addEventListener('input', showMeter);
    showMeter();
    const error = el('p', { class: 'error', role: 'alert' });
    const form = el('form', { class: 'composer', onsubmit: e => this.send(e, box, error, showMeter) },
      el('label', { for: 'sms-body', text: `Text ${phone(this.contact)}` }), box, meter, error,
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', text: 'Send' })));
    $('conversation').replaceChildren(
      el('h3', { text: this.lead?.name || messages.find(m => m.leadName)?.leadName || phone(this.contact) }),
      el('ol', { class: 'bubbles', 'aria-label': 'Conversation, oldest first' }, messages.map(m => el('li', { class: m.direction, 'data-sid': m.sid || '' },
        m.body,
        el('span', { class: 'meta' }, dateTime(m.createdAt), m.direction === 'outbound' ? el('span', { class: `tick ${m.status}`, text: ` ${tick(m.status)}` }) : null)))),
      form);
  }

  async send(event, box, error, showMeter) {
    event.preventDefault();
    error.textContent = '';
    try {
      await post('/api/sms', { to: this.contact, body: box.value, leadId: this.lead?.id });
      box.value = '';
      showMeter();
      await this.open(this.contact, this.lead);
    } catch (e) {
      error.textContent = e.message;
    }
  }
}

export async function showA2p() {
  const banner = $('a2p-banner');
  try {
    const a2p = await get('/api/a2p');
    banner.hidden = a2p.smsEnabled;
    banner.textContent = a2p.smsEnabled ? '' : `Texting is off: A2P 10DLC registration is ${a2p.status.toLowerCase().replace('_', ' ')}.${a2p.reason ? ` ${a2p.reason}` : ''}`;
  } catch {
    banner.hidden = true;
  }
}
