// Settings: the tenant's call mode, the do-not-call list, the numbers (and which is the default caller ID).
import { del, get, post, put } from './api.js';
import { dateTime, el, phone } from './format.js';

const $ = id => document.getElementById(id);

export class SettingsView {
  constructor({ toast, onModeChanged }) {
    this.toast = toast;
    this.onModeChanged = onModeChanged;
    $('mode-form').addEventListener('submit', e => this.saveMode(e));
    $('dnc-form').addEventListener('submit', e => this.addDnc(e));
  }

  async refresh() {
    const [mode, dnc, numbers] = await Promise.all([get('/api/settings/call-mode'), get('/api/dnc'), get('/api/numbers')]);
    for (const radio of document.querySelectorAll('#mode-form input[name=mode]')) radio.checked = radio.value === mode.mode;
    this.onModeChanged?.(mode.mode);
    $('dnc-list').replaceChildren(...(dnc.length ? dnc.map(entry => el('li', {},
      el('span', {}, el('strong', { text: phone(entry.e164) }), el('span', { class: 'muted', text: ` ${entry.reason || ''} · ${dateTime(entry.createdAt)}` })),
      el('button', { type: 'button', 'aria-label': `Remove ${phone(entry.e164)}`, onclick: () => this.removeDnc(entry.e164), text: 'Remove' }))) : [el('li', { class: 'muted', text: 'Nobody is on the list.' })]));
    $('number-list').replaceChildren(...numbers.map(n => el('li', {},
      el('span', {}, el('strong', { text: phone(n.e164) }), el('span', { class: 'muted', text: ` ${n.state || ''}${n.smsEnabled ? ' · SMS' : ''}` })),
      n.isDefault ? el('span', { class: 'badge up', text: 'Default' }) : el('button', { type: 'button', onclick: () => this.makeDefault(n.e164), text: 'Make default' }))));
  }

  async saveMode(event) {
    event.preventDefault();
    const mode = new FormData(event.target).get('mode');
    try {
      await put('/api/settings/call-mode', { mode });
      this.toast('Call mode saved.');
      this.onModeChanged?.(mode);
    } catch (error) { this.toast(error.message); }
  }

  async addDnc(event) {
    event.preventDefault();
    try {
      await post('/api/dnc', { phone: $('dnc-phone').value, reason: $('dnc-reason').value || undefined });
      $('dnc-phone').value = ''; $('dnc-reason').value = '';
      await this.refresh();
    } catch (error) { this.toast(error.message); }
  }

  async removeDnc(number) {
    try { await del(`/api/dnc/${encodeURIComponent(number)}`); await this.refresh(); } catch (error) { this.toast(error.message); }
  }

  async makeDefault(e164) {
    try { await put('/api/numbers/default', { number: e164 }); await this.refresh(); } catch (error) { this.toast(error.message); }
  }
}
