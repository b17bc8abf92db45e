// Display helpers: phone numbers, times, durations, safe text.
export function phone(e164) {
  if (!e164) return '';
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
}

export function time(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function dateTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return d.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds || 0));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

// Builds an element: el('li', { class: 'x', text: 'y' }, child, …). Text is always set as text, never as HTML.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// What a refusal or a routing reason means, in words an agent reads.
export const reasonWords = {
  'do-not-call': 'This number is on the do-not-call list.',
  'opted-out': 'This contact opted out (replied STOP).',
  'bad-number': 'This number was marked as a bad number.',
  'outside-calling-hours': 'It is outside the contact\'s calling hours.',
  'outside-texting-hours': 'It is outside the contact\'s texting hours.',
  'mode-twilio-only': 'Call mode is Twilio only',
  'node-down': 'Mac node down',
  'node-unreachable': 'Mac node did not answer',
  'node-refused': 'Mac node refused the dial',
  'node-not-tunnelled': 'Mac node has no tunnel open',
  'node-unconfirmed': 'The Mac did not confirm the dial',
  'node-rejected-signature': 'Mac node refused our signature',
  'node-answer-unsigned': 'Mac node answer was not signed',
  'node-answered-unexpectedly': 'Mac node answered unexpectedly',
  'twilio-error': 'Twilio refused the call',
  'twilio-unreachable': 'Twilio could not be reached',
  'twilio-unconfirmed': 'Twilio did not confirm the call',
  'gateway-error': 'The gateway failed while placing the call',
  'iphone-only': 'Call mode is iPhone only and the Mac node is down',
};
