// Produces the golden Twilio test data in this folder with Twilio's official Node helper library.
// Not part of any build. To regenerate, in a scratch folder outside the repository:
//   npm install twilio@6.2.0 && NODE_PATH=$PWD/node_modules node <repo>/tests/Gateway.Tests/TestData/Twilio/generate.js <repo>/tests/Gateway.Tests/TestData/Twilio
// Every value in the JSON files is computed here by the SDK: getExpectedTwilioSignature /
// validateRequest / validateRequestWithBody / getExpectedBodyHash, AccessToken + VoiceGrant, VoiceResponse.
"use strict";
const fs = require("fs");
const path = require("path");
const twilio = require("twilio");

const out = process.argv[2] || ".";
const sdkVersion = require("twilio/package.json").version;
const AUTH_TOKENS = ["12345", "a3f1c9e07b5d4f2a8c6e1b0d9f7a5c3e", "token with spaces & ünïcödé"];

// ---------- signatures ----------
const urls = [
  "https://mycompany.com/myapp.php?foo=1&bar=2",
  "https://gateway.example.com/twilio/voice/inbound",
  "https://gateway.example.com:443/twilio/voice/inbound",
  "http://gateway.example.com/twilio/sms/inbound",
  "http://gateway.example.com:80/twilio/sms/inbound",
  "https://gateway.example.com:8443/twilio/voice/status",
  "https://gateway.example.com/twilio/voice/status?tenant=demo&leg=a%20b",
  "https://gateway.example.com/twilio/voice/dial-status?callId=call_01&attempt=2&empty=",
  "https://gateway.example.com/twilio/voice/recording?note=It%27s+fine",
  "https://user:pass@gateway.example.com/twilio/voice/outbound",
  "https://gateway.example.com/twilio/voice/transcription/",
  "https://gateway.example.com/twilio/caf%C3%A9?q=%E2%82%AC",
  "http://[::1]:5080/twilio/voice/inbound?x=1",
];

const paramSets = {
  empty: {},
  documented: { CallSid: "CA1234567890ABCDE", Caller: "+12349013030", Digits: "1234", From: "+12349013030", To: "+18005551212" },
  voiceInbound: {
    AccountSid: "AC" + "1".repeat(32), ApiVersion: "2010-04-01", CallSid: "CA" + "a".repeat(32), CallStatus: "ringing",
    Called: "+16305550100", CalledCity: "NAPERVILLE", CalledState: "IL", Caller: "+13125550142", CallerName: "PAT LEE",
    Direction: "inbound", From: "+13125550142", FromCity: "CHICAGO", FromState: "IL", FromZip: "60601", To: "+16305550100",
  },
  dialStatus: { DialCallStatus: "no-answer", DialCallDuration: "", DialCallSid: "CA" + "b".repeat(32), CallSid: "CA" + "c".repeat(32) },
  statusCallback: {
    CallSid: "CA" + "d".repeat(32), CallStatus: "completed", CallDuration: "42", SequenceNumber: "3", Timestamp: "Tue, 10 Mar 2026 18:04:05 +0000",
    CallbackSource: "call-progress-events", SipResponseCode: "200",
  },
  smsWithMedia: {
    MessageSid: "MM" + "e".repeat(32), Body: "Hi there! Can we talk at 3pm? 😀", NumMedia: "12",
    MediaUrl0: "https://api.twilio.com/m/0", MediaUrl1: "https://api.twilio.com/m/1", MediaUrl2: "https://api.twilio.com/m/2",
    MediaUrl10: "https://api.twilio.com/m/10", MediaUrl11: "https://api.twilio.com/m/11",
  },
  plusAndSpaces: { From: "+14155552671", Body: "a+b c  d", Note: " leading and trailing ", Plus: "+" },
  emptyValues: { A: "", B: "", Body: "", Zero: "0" },
  caseOrdering: { a: "lower", A: "upper", _a: "underscore", B: "B", b: "b", "0": "digit", Z: "z", "~": "tilde" },
  specialChars: { Body: "x=1&y=2?z#frag%20", Quote: "He said \"hi\" & 'bye' <ok>", Slash: "a/b\\c" },
  newlines: { Body: "line one\nline two\r\nline three\ttab" },
  unicode: { Body: "Ça coûte 5 € — merci", Name: "Ærøskøbing", CJK: "你好", Emoji: "👍🏽🎉" },
  unicodeKeys: { "clé": "value", "Key": "v", "éa": "1", "ea": "2", "😀": "emoji key", "\uFB01": "ligature" },
  repeatedKeys: { StatusCallbackEvent: ["ringing", "answered", "completed", "initiated"], To: "+16305550100" },
  repeatedDuplicates: { Tag: ["b", "a", "b", "c", "a"], Other: "x" },
  longValue: { Body: "Lorem ipsum ".repeat(120).trim(), From: "+16305550100" },
};

function prng(seed) { // mulberry32: deterministic choices
  return () => { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
const rand = prng(20261121);

const signatures = [];
let n = 0;
for (const url of urls) {
  for (const [setName, params] of Object.entries(paramSets)) {
    const authToken = AUTH_TOKENS[Math.floor(rand() * AUTH_TOKENS.length)];
    n++;
    signatures.push({
      id: `sig-${String(n).padStart(3, "0")}`, authToken, url, paramSet: setName, params,
      signature: twilio.getExpectedTwilioSignature(authToken, url, params),
    });
  }
}

// ---------- validation: signed URL vs the URL the server reconstructs (ports) ----------
const pairs = [
  ["https://gateway.example.com/twilio/voice/inbound", "https://gateway.example.com/twilio/voice/inbound"],
  ["https://gateway.example.com/twilio/voice/inbound", "https://gateway.example.com:443/twilio/voice/inbound"],
  ["https://gateway.example.com:443/twilio/voice/inbound", "https://gateway.example.com/twilio/voice/inbound"],
  ["http://gateway.example.com/twilio/sms/inbound", "http://gateway.example.com:80/twilio/sms/inbound"],
  ["http://gateway.example.com:80/twilio/sms/inbound", "http://gateway.example.com/twilio/sms/inbound"],
  ["https://gateway.example.com/twilio/voice/status", "https://gateway.example.com:8443/twilio/voice/status"],
  ["https://gateway.example.com:8443/twilio/voice/status", "https://gateway.example.com/twilio/voice/status"],
  ["http://gateway.example.com:8080/twilio/voice/status", "http://gateway.example.com/twilio/voice/status"],
  ["https://gateway.example.com/twilio/voice/status", "http://gateway.example.com/twilio/voice/status"],
  ["https://gateway.example.com/twilio/voice/status", "https://gateway.example.com/twilio/voice/status/"],
  ["https://gateway.example.com/twilio/voice/status?a=1&b=2", "https://gateway.example.com/twilio/voice/status?b=2&a=1"],
  ["https://gateway.example.com/twilio/voice/status?a=1", "https://gateway.example.com:443/twilio/voice/status?a=1"],
  ["https://gateway.example.com/twilio/voice/status", "https://other.example.com/twilio/voice/status"],
  ["https://user:pass@gateway.example.com/twilio/voice/status", "https://user:pass@gateway.example.com:443/twilio/voice/status"],
];
const validations = [];
n = 0;
for (const [signedUrl, serverUrl] of pairs) {
  for (const setName of ["documented", "voiceInbound", "repeatedKeys", "empty"]) {
    const params = paramSets[setName];
    const signature = twilio.getExpectedTwilioSignature("12345", signedUrl, params);
    n++;
    validations.push({ id: `val-${String(n).padStart(3, "0")}`, authToken: "12345", signedUrl, serverUrl, paramSet: setName, params, signature,
      valid: twilio.validateRequest("12345", signature, serverUrl, params) });
  }
}
// Tampering: the right URL, a changed parameter or header.
const base = "https://gateway.example.com/twilio/voice/inbound";
const good = twilio.getExpectedTwilioSignature("12345", base, paramSets.voiceInbound);
const tampered = [
  { what: "changed value", params: { ...paramSets.voiceInbound, From: "+19005550100" }, signature: good },
  { what: "extra parameter", params: { ...paramSets.voiceInbound, Extra: "1" }, signature: good },
  { what: "missing parameter", params: (({ CallerName, ...rest }) => rest)(paramSets.voiceInbound), signature: good },
  { what: "trimmed value", params: { ...paramSets.voiceInbound, CallerName: "PAT LEE " }, signature: good },
  { what: "empty signature", params: paramSets.voiceInbound, signature: "" },
  { what: "secondary token", params: paramSets.voiceInbound, signature: twilio.getExpectedTwilioSignature("54321", base, paramSets.voiceInbound) },
];
for (const t of tampered) {
  n++;
  validations.push({ id: `val-${String(n).padStart(3, "0")}`, authToken: "12345", signedUrl: base, serverUrl: base, paramSet: t.what, params: t.params,
    signature: t.signature, valid: twilio.validateRequest("12345", t.signature, base, t.params) });
}

// ---------- JSON bodies (bodySHA256) ----------
const bodies = [
  '{"property": "value", "boolean": true}',
  '{"CallSid":"CA123","Payload":{"nested":[1,2,3]},"text":"Ça coûte 5 €"}',
  "[]",
  "",
];
const jsonCases = [];
n = 0;
for (const body of bodies) {
  const hash = twilio.getExpectedBodyHash(body);
  for (const baseUrl of ["https://mycompany.com/myapp.php?foo=1&bar=2", "https://gateway.example.com/twilio/events"]) {
    const url = baseUrl + (baseUrl.includes("?") ? "&" : "?") + "bodySHA256=" + hash;
    const signature = twilio.getExpectedTwilioSignature("12345", url, {});
    n++;
    jsonCases.push({ id: `json-${String(n).padStart(3, "0")}`, authToken: "12345", url, body, bodySHA256: hash, signature,
      valid: twilio.validateRequestWithBody("12345", signature, url, body) });
    const altered = body.length ? body.replace(/.$/, " ") : " ";
    n++;
    jsonCases.push({ id: `json-${String(n).padStart(3, "0")}`, authToken: "12345", url, body: altered, bodySHA256: hash, signature,
      valid: twilio.validateRequestWithBody("12345", signature, url, altered) });
  }
}

fs.writeFileSync(path.join(out, "signatures.json"), JSON.stringify({ sdk: `twilio@${sdkVersion} (npm)`, signatures, validations, json: jsonCases }, null, 1) + "\n");

// ---------- access tokens ----------
const AccessToken = twilio.jwt.AccessToken;
const VoiceGrant = AccessToken.VoiceGrant;
const ACCOUNT = "AC" + "0123456789abcdef".repeat(2);
const KEY = "SK" + "fedcba9876543210".repeat(2);
const SECRET = "api-key-secret-for-golden-tests";
const NOW = 1767225600; // 2026-01-01T00:00:00Z
const realNow = Date.now;
Date.now = () => NOW * 1000;
const tokenInputs = [
  { identity: "boss", ttl: 3600, incomingAllow: true, outgoingApplicationSid: "AP" + "1".repeat(32) },
  { identity: "boss", ttl: 3600, incomingAllow: false, outgoingApplicationSid: "AP" + "1".repeat(32) },
  { identity: "boss", ttl: 600, outgoingApplicationSid: "AP" + "1".repeat(32), outgoingApplicationParams: { tenant: "demo", agent: "boss" } },
  { identity: "agent_42", ttl: 86400, incomingAllow: true, outgoingApplicationSid: "AP" + "2".repeat(32), pushCredentialSid: "CR" + "3".repeat(32) },
  { identity: "boss", ttl: 3600, incomingAllow: true },
  { identity: "boss", ttl: 3600, incomingAllow: true, outgoingApplicationSid: "AP" + "1".repeat(32), region: "ie1" },
  { identity: "boss", ttl: 3600, incomingAllow: true, outgoingApplicationSid: "AP" + "1".repeat(32), endpointId: "browser-1" },
  { identity: "boss", ttl: 3600, incomingAllow: true, outgoingApplicationSid: "AP" + "1".repeat(32), nbf: NOW - 5 },
  { identity: "Zoë", ttl: 120, outgoingApplicationSid: "AP" + "1".repeat(32), outgoingApplicationParams: { note: "quote \" backslash \\ <tag> & é 😀", empty: "" } },
];
const tokens = tokenInputs.map((input, i) => {
  const token = new AccessToken(ACCOUNT, KEY, SECRET, { identity: input.identity, ttl: input.ttl, region: input.region, nbf: input.nbf });
  token.addGrant(new VoiceGrant({ incomingAllow: input.incomingAllow, outgoingApplicationSid: input.outgoingApplicationSid,
    outgoingApplicationParams: input.outgoingApplicationParams, pushCredentialSid: input.pushCredentialSid, endpointId: input.endpointId }));
  return { id: `token-${i + 1}`, input, jwt: token.toJwt() };
});
Date.now = realNow;
fs.writeFileSync(path.join(out, "tokens.json"), JSON.stringify({ sdk: `twilio@${sdkVersion} (npm)`, accountSid: ACCOUNT, apiKeySid: KEY, apiKeySecret: SECRET, now: NOW, tokens }, null, 1) + "\n");

// ---------- TwiML ----------
const VoiceResponse = twilio.twiml.VoiceResponse;
const MessagingResponse = twilio.twiml.MessagingResponse;
const twimlCases = [];
function add(id, intent, build) {
  twimlCases.push({ id, intent, xml: build().toString() });
}
const cb = "https://gw.example.com/twilio/voice";
add("empty", "an empty response", () => new VoiceResponse());
add("say-escaped", "Say with characters that need escaping", () => { const r = new VoiceResponse(); r.say({ voice: "Polly.Joanna", language: "en-US" }, "Tom & Jerry <say> \"quotes\" 'apostrophes' > done\r\nnext"); return r; });
add("outbound-recorded", "consent disclosure, then Dial a Number recorded dual with callbacks", () => {
  const r = new VoiceResponse();
  r.say({ voice: "Polly.Joanna" }, "This call may be recorded for quality and training purposes.");
  const d = r.dial({ callerId: "+16305550100", record: "record-from-answer-dual", action: `${cb}/dial-status?callId=call_1&tenant=demo`, method: "POST",
    recordingStatusCallback: `${cb}/recording?callId=call_1`, recordingStatusCallbackMethod: "POST", recordingStatusCallbackEvent: "completed", answerOnBridge: true, timeout: 30 });
  d.number({ statusCallback: `${cb}/status?callId=call_1`, statusCallbackEvent: ["initiated", "ringing", "answered", "completed"], statusCallbackMethod: "POST" }, "+13125550142");
  return r;
});
add("inbound-client", "Dial the agent's browser client with a custom parameter", () => {
  const r = new VoiceResponse();
  const d = r.dial({ timeout: 20, action: `${cb}/dial-status?tenant=demo`, callerId: "+13125550142" });
  const c = d.client();
  c.identity("boss");
  c.parameter({ name: "callerName", value: "Pat \"PL\" Lee & Co" });
  return r;
});
add("inbound-forward", "Dial the agent's iPhone", () => { const r = new VoiceResponse(); r.dial({ timeout: 25, action: `${cb}/dial-status`, answerOnBridge: true }, "+16305559999"); return r; });
add("voicemail", "greeting, Record with transcription, then Hangup", () => {
  const r = new VoiceResponse();
  r.say("Sorry, nobody can take your call. Please leave a message after the beep.");
  r.record({ action: `${cb}/recording?final=1`, method: "POST", maxLength: 120, timeout: 5, playBeep: true, transcribe: true,
    transcribeCallback: `${cb}/transcription`, recordingStatusCallback: `${cb}/recording`, recordingStatusCallbackEvent: ["completed"] });
  r.hangup();
  return r;
});
add("reject-busy", "Reject an unknown caller as busy", () => { const r = new VoiceResponse(); r.reject({ reason: "busy" }); return r; });
add("redirect-pause", "Pause then Redirect", () => { const r = new VoiceResponse(); r.pause({ length: 2 }); r.redirect({ method: "POST" }, `${cb}/inbound?retry=1&x=a b`); return r; });
add("connect-stream", "Connect a media Stream with parameters", () => {
  const r = new VoiceResponse();
  const c = r.connect({ action: `${cb}/status` });
  const s = c.stream({ url: "wss://gw.example.com/media", name: "agent-assist", track: "both_tracks" });
  s.parameter({ name: "callId", value: "call_1" });
  return r;
});
add("attr-escaping", "attribute values with tab, newline, quotes, ampersand, less-than", () => { const r = new VoiceResponse(); r.say({ voice: "a\tb\nc\"d&e<f>g'h" }, "x"); return r; });
add("unicode", "non-ASCII text and emoji", () => { const r = new VoiceResponse(); r.say({ language: "fr-FR" }, "Ça coûte 5 € — merci 😀"); return r; });
add("spoken-error", "a spoken apology and hang up", () => { const r = new VoiceResponse(); r.say("We are sorry, this number cannot be dialed."); r.hangup(); return r; });
add("sms-empty", "empty messaging response", () => new MessagingResponse());
add("sms-message", "messaging reply", () => { const r = new MessagingResponse(); r.message("Reply STOP to opt out & HELP for help"); return r; });
fs.writeFileSync(path.join(out, "twiml.json"), JSON.stringify({ sdk: `twilio@${sdkVersion} (npm)`, cases: twimlCases }, null, 1) + "\n");
console.log(`signatures: ${signatures.length}, validations: ${validations.length}, json: ${jsonCases.length}, tokens: ${tokens.length}, twiml: ${twimlCases.length}`);
