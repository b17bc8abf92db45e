#!/usr/bin/env python3
"""Sends a webhook to a running gateway exactly as Twilio would: form-encoded and signed with
X-Twilio-Signature (HMAC-SHA1 of the URL plus the sorted parameters, keyed with the auth token).

Usage: python3 scripts/twilio-webhook.py URL AUTH_TOKEN Name=Value [Name=Value ...]
Example (the embedded defaults):
  python3 scripts/twilio-webhook.py http://127.0.0.1:5080/twilio/voice/inbound dev-twilio-auth-token \
      CallSid=CA00000000000000000000000000000001 From=+13125550142 To=+16305550100
The URL must be the one the gateway reconstructs (Twilio:PublicBaseUrl + path when that is set).
Prints the HTTP status and the TwiML answered.
"""
import base64, hashlib, hmac, sys, urllib.error, urllib.parse, urllib.request

if len(sys.argv) < 3 or sys.argv[1] in ("-h", "--help") or not sys.argv[1].startswith(("http://", "https://")) \
        or any("=" not in a for a in sys.argv[3:]):
    print(__doc__.strip(), file=sys.stderr)
    sys.exit(2)
url, token, pairs = sys.argv[1], sys.argv[2], [tuple(a.split("=", 1)) for a in sys.argv[3:]]
signed = url + "".join(name + value for name, value in sorted(pairs, key=lambda p: (p[0].encode("utf-16-be"), p[1].encode("utf-16-be"))))
signature = base64.b64encode(hmac.new(token.encode(), signed.encode(), hashlib.sha1).digest()).decode()
request = urllib.request.Request(url, data=urllib.parse.urlencode(pairs).encode(), method="POST",
                                 headers={"X-Twilio-Signature": signature, "Content-Type": "application/x-www-form-urlencoded"})
try:
    with urllib.request.urlopen(request, timeout=30) as response:
        print(response.status)
        print(response.read().decode())
except urllib.error.HTTPError as error:
    print(error.code)
    print(error.read().decode())
