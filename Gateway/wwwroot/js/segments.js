// SMS segments, counted the way the gateway's SmsSegments does (and Twilio's segment calculator): GSM-7 when every
// character is in the GSM-7 basic or extension table (extension characters take two septets), else UCS-2 (16 bits
// per UTF-16 unit). A single message holds 140 bytes; once it needs parts, each part loses 6 bytes to its header,
// and a character (a whole grapheme) is never split across parts.
const basic = new Set('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà');
const extension = new Set('\f^{}\\[~]|€');
const SEGMENT_BITS = 140 * 8;
const HEADER_BITS = 6 * 8;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function graphemes(text) {
  const out = [];
  for (const { segment } of segmenter.segment(text)) {
    if (segment === '\r\n') out.push('\r', '\n'); else out.push(segment);
  }
  return out;
}

export function measure(text) {
  const chars = graphemes(text);
  const gsm = chars.every(g => g.length === 1 && (basic.has(g) || extension.has(g)));
  const sizes = chars.map(g => gsm ? (extension.has(g) ? 14 : 7) : 16 * g.length);
  const free = s => SEGMENT_BITS - (s.header ? HEADER_BITS : 0) - s.bits.reduce((a, b) => a + b, 0);
  const segments = [{ header: false, bits: [] }];
  for (const size of sizes) {
    let current = segments[segments.length - 1];
    if (free(current) < size) {
      const previous = current;
      current = { header: true, bits: [] };
      segments.push(current);
      if (!previous.header) {
        previous.header = true;
        const moved = [];
        while (free(previous) < 0) moved.unshift(previous.bits.pop());
        current.bits.push(...moved);
      }
    }
    current.bits.push(size);
  }
  const characters = gsm ? sizes.reduce((a, b) => a + b, 0) / 7 : chars.length;
  return { encoding: gsm ? 'GSM-7' : 'UCS-2', segments: segments.length, characters };
}
