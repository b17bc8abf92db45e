// The post-call disposition prompt: tiles from GET /api/dispositions, one click applies; the ones that need a
// time open a date-time picker in the lead's local time; Skip; gone by itself after 30 s (a visible countdown).
import { get, post } from './api.js';
import { el, phone } from './format.js';

const $ = id => document.getElementById(id);
// Text symbols (with U+FE0E, text presentation) that every system font set has, for the Lucide names the gateway sends.
const ICONS = {
  'sparkles': '★', 'phone': '☎\uFE0E', 'phone-incoming': '☏', 'phone-missed': '✗', 'phone-off': '⚑', 'voicemail': '✉\uFE0E',
  'calendar-clock': '↻', 'calendar-check': '✔\uFE0E', 'presentation': '▶\uFE0E', 'badge-dollar-sign': '$', 'sprout': '✿',
  'thumbs-down': '✘', 'ban': '⊘',
};
const SECONDS = 30;

export class DispositionPrompt {
  constructor({ toast, onApplied }) {
    this.toast = toast;
    this.onApplied = onApplied;
    this.dialog = $('dispo');
    $('dispo-skip').addEventListener('click', () => this.close('skipped'));
    $('dispo-apply').addEventListener('click', () => this.applyTimed());
    // Any interaction keeps the prompt open: the countdown is for a prompt left alone.
    this.dialog.addEventListener('input', () => this.stopCountdown());
    this.dialog.addEventListener('pointerdown', () => this.stopCountdown());
    this.dialog.addEventListener('cancel', () => this.close('skipped'));
  }

  async load() {
    if (!this.rules) this.rules = (await get('/api/dispositions')).dispositions;
    return this.rules;
  }

  async open(call) {
    const rules = await this.load();
    this.call = call;
    this.pending = null;
    this.lead = call.leadId ? await get(`/api/leads/${encodeURIComponent(call.leadId)}`).catch(() => null) : null;
    $('dispo-lead').textContent = `${call.name || this.lead?.name || 'Lead'} · ${phone(call.to)}`;
    $('dispo-error').textContent = '';
    $('dispo-notes').value = '';
    $('dispo-when').hidden = true;
    const tiles = $('dispo-tiles');
    tiles.replaceChildren(...rules.map(rule => el('button', {
      type: 'button', 'data-disposition': rule.id, 'aria-pressed': 'false', title: rule.label,
      onclick: () => this.choose(rule),
    }, el('span', { class: 'icon', 'aria-hidden': 'true', text: ICONS[rule.icon] || '•' }), el('span', { text: rule.shortLabel }))));
    if (!this.dialog.open) this.dialog.showModal();
    this.startCountdown();
  }

  choose(rule) {
    this.stopCountdown();
    for (const tile of $('dispo-tiles').children) tile.setAttribute('aria-pressed', String(tile.dataset.disposition === rule.id));
    if (rule.followUp === 'agent-time') {
      this.pending = rule;
      const zone = this.lead?.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone;
      $('dispo-zone').textContent = `${zone.replace('_', ' ')}, the lead's local time`;
      const input = $('dispo-at');
      input.value = localInput(Date.now() + 24 * 3600 * 1000, zone);
      input.min = localInput(Date.now(), zone);
      $('dispo-when').hidden = false;
      input.focus();
      return;
    }
    this.apply(rule, null);
  }

  applyTimed() {
    const value = $('dispo-at').value;
    if (!value) { $('dispo-error').textContent = 'Choose when.'; return; }
    const zone = this.lead?.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone;
    this.apply(this.pending, zonedToUtc(value, zone));
  }

  async apply(rule, followUpAt) {
    try {
      const notes = $('dispo-notes').value.trim();
      const result = await post(`/api/calls/${encodeURIComponent(this.call.callId)}/disposition`,
        { disposition: rule.id, notes: notes || undefined, followUpAt: followUpAt || undefined });
      this.close('applied');
      const due = result.followUp?.dueAt;
      this.toast(`${rule.label} saved.${due ? ` Follow-up ${new Date(due).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}.` : ''}`);
      this.onApplied?.(result);
    } catch (error) {
      $('dispo-error').textContent = error.message;
    }
  }

  startCountdown() {
    this.stopCountdown();
    let left = SECONDS;
    const show = () => { $('dispo-countdown').textContent = `Closes in ${left} s`; };
    show();
    this.timer = setInterval(() => { left -= 1; show(); if (left <= 0) this.close('timed-out'); }, 1000);
  }

  stopCountdown() {
    clearInterval(this.timer);
    this.timer = null;
    $('dispo-countdown').textContent = '';
  }

  close() {
    this.stopCountdown();
    if (this.dialog.open) this.dialog.close();
  }
}

// "YYYY-MM-DDTHH:mm" of an instant as seen in a time zone (for <input type=datetime-local>).
export function localInput(ms, zone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(ms)).map(p => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

// The UTC instant (ISO) of a wall-clock "YYYY-MM-DDTHH:mm" in a time zone.
export function zonedToUtc(value, zone) {
  const wall = Date.parse(`${value}:00Z`);
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const seen = Date.parse(`${localInput(guess, zone)}:00Z`);
    guess += wall - seen;
  }
  return new Date(guess).toISOString();
}
