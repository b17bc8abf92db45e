// Produces segments.json with Twilio's own SMS segment calculator (npm sms-segments-calculator@1.3.0,
// from TwilioDevEd/message-segment-calculator). Not part of any build. In a scratch folder:
//   npm install sms-segments-calculator@1.3.0 && NODE_PATH=$PWD/node_modules node <repo>/tests/Gateway.Tests/TestData/Twilio/generate-segments.js <repo>/tests/Gateway.Tests/TestData/Twilio
"use strict";
const fs = require("fs");
const path = require("path");
const { SegmentedMessage } = require("sms-segments-calculator");
const version = require("sms-segments-calculator/package.json").version;
const out = process.argv[2] || ".";

const a = (n) => "a".repeat(n);
const bodies = {
  "empty-ish": "x",
  "plain": "Hi Pat, can we talk at 3pm today?",
  "gsm-160": a(160),
  "gsm-161": a(161),
  "gsm-306": a(306),
  "gsm-307": a(307),
  "gsm-459": a(459),
  "gsm-460": a(460),
  "euro-counts-double": "Price: 5€",
  "euro-159": a(158) + "€",
  "euro-160": a(159) + "€",
  "escape-never-split": a(152) + "€" + a(10),
  "escape-at-153": a(151) + "€" + a(10),
  "escape-boundary-306": a(152) + "€" + a(152),
  "escape-boundary-305": a(151) + "€" + a(152),
  "all-extension-chars": "^{}[]~|\\€",
  "extension-80": "{}".repeat(40),
  "extension-81": "{}".repeat(40) + "[",
  "c-cedilla-upper-gsm": "Ça va? Ç",
  "c-cedilla-lower-ucs2": "ça va? ç",
  "accents-gsm": "èéùìòÇØøÅåÆæßÉÄÖÑÜäöñüà¿¡§£¥",
  "accents-ucs2": "á í ó ú â ê",
  "curly-quotes": "It’s “quoted”",
  "dashes-ellipsis": "wait — really… yes – ok",
  "emoji": "Great news 🎉",
  "ucs2-70": "ç" + a(69),
  "ucs2-71": "ç" + a(70),
  "ucs2-134": "ç" + a(133),
  "ucs2-135": "ç" + a(134),
  "emoji-fills-70": a(68) + "😀",
  "emoji-over-70": a(69) + "😀",
  "emoji-never-split": "ç" + a(65) + "😀" + a(5),
  "emoji-boundary-134": a(66) + "😀" + a(66),
  "emoji-boundary-133": a(65) + "😀" + a(66),
  "emoji-family": "Family: 👨‍👩‍👧‍👦",
  "newline-cr": "line1\nline2\r\nline3",
  "greek-gsm": "ΔΦΓΛΩΠΨΣΘΞ",
  "tab-ucs2": "a\tb",
  "long-mixed": ("Hello from Demo Realty! Reply STOP to opt out. " + "€").repeat(10),
  "cjk": "你好，我们明天见",
};
const cases = Object.entries(bodies).map(([id, body]) => {
  const m = new SegmentedMessage(body, "auto");
  return { id, body, encoding: m.encodingName, segments: m.segmentsCount, characters: m.numberOfCharacters, unicodeScalars: [...body].length };
});
fs.writeFileSync(path.join(out, "segments.json"), JSON.stringify({ calculator: `sms-segments-calculator@${version} (npm, Twilio's calculator)`, cases }, null, 1) + "\n");
console.log(cases.map((c) => `${c.id}: ${c.encoding} ${c.segments}`).join("\n"));
