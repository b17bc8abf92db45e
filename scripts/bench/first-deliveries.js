#!/usr/bin/env node
'use strict';
// Writes COUNT signed variants of ../shared/bench's webhook request, each with its own CallSid, one per line
// ("<form body>\t<X-Twilio-Signature>"), for wrk's first-deliveries.lua. Signed with Twilio's Node SDK from the
// bench copy's peer/node_modules (the same SDK make-request.js uses); run by scripts/bench-webhook.sh.
// Usage: node first-deliveries.js REQUEST_JSON BENCH_DIR COUNT PREFIX OUT_FILE
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const [requestJson, benchDir, count, prefix, out] = process.argv.slice(2);
if (!out || !/^[0-9]+$/.test(count) || !/^[0-9a-f]{1,8}$/.test(prefix)) {
  console.error('usage: node first-deliveries.js REQUEST_JSON BENCH_DIR COUNT PREFIX(hex, 1-8) OUT_FILE');
  process.exit(2);
}
const twilio = createRequire(path.join(benchDir, 'peer', 'package.json'))('twilio');
const base = JSON.parse(fs.readFileSync(requestJson, 'utf8'));
const token = process.env.TWILIO_AUTH_TOKEN || '0123456789abcdef0123456789abcdef';
const lines = [];
for (let i = 0; i < Number(count); i++) {
  const params = { ...base.params, CallSid: 'CA' + prefix + i.toString(16).padStart(32 - prefix.length, '0') };
  const signature = twilio.getExpectedTwilioSignature(token, base.signedUrl, params);
  lines.push(new URLSearchParams(params).toString() + '\t' + signature);
}
fs.writeFileSync(out, lines.join('\n') + '\n');
