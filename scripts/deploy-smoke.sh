#!/usr/bin/env bash
# Runs the deploy path of docs/operations.md end to end on this machine, in a throw-away folder laid out like the VPS
# (opt/ = published binaries, etc/ = configuration and the environment file, var/ = state):
#   1. publishes the gateway and the Mac agent (Release),
#   2. writes the production configuration: your tenant only (the demo tenant and its fictional numbers are
#      gone), secrets in an environment file that names Twilio's credentials only by the seed TWILIO_* names,
#   3. starts the gateway as Production (JSON logs) and the agent against it over the tunnel (dry-run dialer:
#      there is no iPhone here), checks /readyz, that the demo key is refused, and presses a call to the iPhone,
#   4. takes a backup with the gateway's own command and checks it,
#   5. upgrades: stops the gateway, publishes again over opt/, starts it; the press is still there, the agent
#      reconnects by itself, and a second press goes to the iPhone.
# Twilio itself is not reachable from here: /readyz reports it degraded (unreachable), which is the truth.
#
# Usage: scripts/deploy-smoke.sh [--gateway-port PORT] [--keep]
#   --gateway-port PORT  where the gateway listens on loopback (default: a free port)
#   --keep               keep the folder (and print its path) instead of deleting it
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
port="" keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --gateway-port) [ $# -ge 2 ] || usage; port=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage ;;
    *) echo "deploy-smoke: unknown argument: $1" >&2; usage ;;
  esac
done
if [ -z "$port" ]; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
fi
case "$port" in ''|*[!0-9]*) echo "deploy-smoke: --gateway-port must be a number" >&2; usage ;; esac

root=$(mktemp -d "${TMPDIR:-/tmp}/softphone-deploy-smoke.XXXXXX")
gateway_pid="" agent_pid=""
cleanup() {
  [ -n "$agent_pid" ] && kill "$agent_pid" 2>/dev/null && wait "$agent_pid" 2>/dev/null
  [ -n "$gateway_pid" ] && kill "$gateway_pid" 2>/dev/null && wait "$gateway_pid" 2>/dev/null
  if [ "$keep" = 1 ]; then echo "deploy-smoke: kept $root"; else rm -rf "$root"; fi
}
trap cleanup EXIT
fail() {
  { echo "deploy-smoke: FAILED: $*"; echo "--- gateway log (tail)"; tail -n 20 "$root/var/gateway.log" 2>/dev/null
    echo "--- agent log (tail)"; tail -n 20 "$root/var/agent.log" 2>/dev/null; } >&2
  exit 1
}
step() { echo "deploy-smoke: $*"; }

mkdir -p "$root/opt" "$root/etc" "$root/var/lib" "$root/mac"
secret() { openssl rand -hex "$1"; }

publish() {
  dotnet publish "$repo/Gateway/Gateway.csproj" -c Release -o "$root/opt/gateway" --nologo -v quiet >/dev/null
  dotnet publish "$repo/MacNodeAgent/MacNodeAgent.csproj" -c Release -o "$root/opt/agent" --nologo -v quiet >/dev/null
}
step "1. publishing both hosts (Release)"
publish

step "2. writing etc/appsettings.json (tenant 'acme' only) and etc/gateway.env"
api_key="sp_$(secret 24)"
node_secret=$(secret 32)
# Your configuration is the shipped appsettings.json with your tenants in place of the demo tenant (its
# fictional numbers and dev keys go with it), your public URL and the proxy in front.
python3 - "$root/opt/gateway/appsettings.json" "$root/etc/appsettings.json" "$port" <<'PY'
import json, sys
def strip_comments(text):  # appsettings.json has // comments; keep "//" inside strings (URLs)
    out, i, quoted = [], 0, False
    while i < len(text):
        c = text[i]
        if quoted:
            out.append(c)
            if c == "\\": out.append(text[i + 1]); i += 1
            elif c == '"': quoted = False
        elif c == '"': quoted = True; out.append(c)
        elif text.startswith("//", i):
            while i < len(text) and text[i] != "\n": i += 1
            continue
        else: out.append(c)
        i += 1
    return "".join(out)
settings = json.loads(strip_comments(open(sys.argv[1]).read()))
settings["Gateway"].update({"Urls": f"http://127.0.0.1:{sys.argv[3]}", "TrustedProxies": ["127.0.0.1", "::1"]})
settings["Twilio"]["PublicBaseUrl"] = "https://gateway.example.com"
# Only so this smoke passes at any hour of the day: yours keeps contact-local calling hours (8:00-21:00).
settings["Compliance"]["CallingHours"].update({"Start": "00:00:00", "End": "1.00:00:00"})
settings["Tenants"] = {"acme": {
    "Name": "Acme Roofing", "SmsBusinessName": "Acme Roofing", "CallMode": "iphone-primary",
    "Agents": {"alice": {"Node": "alice-mac"}},           # ApiKey: from the environment file
    "Nodes": {"alice-mac": {"Link": "tunnel"}},            # Secret: from the environment file
    "Numbers": [{"Number": "+12145550177", "State": "TX", "Default": True}]}}
json.dump(settings, open(sys.argv[2], "w"), indent=2)
PY
# The service's environment file: secrets only. Twilio's by their seed names; the rest by configuration key.
cat > "$root/etc/gateway.env" <<ENV
TWILIO_ACCOUNT_SID=AC$(secret 16)
TWILIO_AUTH_TOKEN=$(secret 16)
TWILIO_API_KEY=SK$(secret 16)
TWILIO_API_SECRET=$(secret 16)
TWILIO_TWIML_APP_SID=AP$(secret 16)
Tenants__acme__Agents__alice__ApiKey=$api_key
Tenants__acme__Nodes__alice-mac__Secret=$node_secret
ENV
chmod 0640 "$root/etc/gateway.env" "$root/etc/appsettings.json"
# What the unit sets (systemd/softphone-gateway.service), then the environment file.
gateway_env_list() {
  echo HOME="$root/var/lib" DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production \
    SOFTPHONE_CONFIG="$root/etc/appsettings.json" Logs__Format=json $(grep -v '^#' "$root/etc/gateway.env" | xargs)
}

base="http://127.0.0.1:$port"
start_gateway() {
  (cd "$root/var/lib" && exec env -i PATH="$PATH" $(gateway_env_list) dotnet "$root/opt/gateway/Softphone.Gateway.dll" >>"$root/var/gateway.log" 2>&1) &
  gateway_pid=$!
  for _ in $(seq 1 150); do
    curl -fsS "$base/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$gateway_pid" 2>/dev/null || fail "the gateway exited (code $(wait "$gateway_pid"; echo $?))"
    sleep 0.2
  done
  fail "the gateway did not answer /healthz"
}
api() { curl -sS -o "$root/var/answer.json" -w '%{http_code}' -H "Authorization: Bearer $api_key" "$@"; }
wait_node_up() {
  for _ in $(seq 1 150); do
    [ "$(api "$base/api/nodes")" = 200 ] && grep -q '"state":"up"' "$root/var/answer.json" && return 0
    sleep 0.2
  done
  fail "the node never came up over the tunnel: $(cat "$root/var/answer.json")"
}
press() {
  code=$(api -H 'Content-Type: application/json' -d "{\"leadId\":\"$1\",\"to\":\"(214) 555-0142\",\"leadName\":\"Jordan Smith\",\"leadState\":\"TX\"}" "$base/api/calls")
  [ "$code" = 201 ] || fail "press $1 answered $code: $(cat "$root/var/answer.json")"
  grep -q '"route":"iphone"' "$root/var/answer.json" && grep -q '"reason":"dialed"' "$root/var/answer.json" \
    || fail "press $1 did not go to the iPhone: $(cat "$root/var/answer.json")"
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["callId"])' "$root/var/answer.json"
}

step "3. starting the gateway as Production on $base"
start_gateway
ready=$(curl -sS "$base/readyz")
echo "$ready" | grep -q '"database":{"status":"healthy"' || fail "/readyz: $ready"
echo "$ready" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("   /readyz:", r["status"], "|", "; ".join(k + " " + v["status"] for k, v in r["checks"].items()))'
[ "$(curl -sS -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer dev-boss-key' "$base/api/nodes")" = 401 ] || fail "the demo key was accepted"
head -n 1 "$root/var/gateway.log" | python3 -c 'import json,sys; json.loads(sys.stdin.readline())' || fail "the log is not JSON lines"

step "   starting the agent (Production, tunnel, no listening port, dry-run dialer)"
(cd "$root/mac" && exec env -i PATH="$PATH" HOME="$root/mac" DOTNET_NOLOGO=1 DOTNET_ENVIRONMENT=Production \
  MacNodeAgent__NodeId=alice-mac MacNodeAgent__Secret="$node_secret" MacNodeAgent__GatewayUrl="$base" MacNodeAgent__Link=tunnel \
  MacNodeAgent__StateDirectory="$root/mac/state" MacNodeAgent__Dialer__Mode=dry-run \
  dotnet "$root/opt/agent/Softphone.MacNodeAgent.dll" >>"$root/var/agent.log" 2>&1) &
agent_pid=$!
wait_node_up
first=$(press smoke-1) || exit 1
step "   pressed: call $first went to the iPhone through the tunnel"

step "4. backup with the gateway's own command"
(cd "$root/var/lib" && env -i PATH="$PATH" $(gateway_env_list) dotnet "$root/opt/gateway/Softphone.Gateway.dll" backup "$root/var/backup.db") | tail -n 1 | sed 's/^/   /'
[ -s "$root/var/backup.db" ] || fail "no backup written"

step "5. upgrade: stop, publish over opt/, start"
kill -TERM "$gateway_pid"; wait "$gateway_pid" 2>/dev/null || true; gateway_pid=""
publish
start_gateway
[ "$(api "$base/api/calls/$first")" = 200 ] || fail "call $first is gone after the upgrade"
wait_node_up
second=$(press smoke-2) || exit 1
step "   after the upgrade: call $first kept, the agent reconnected, call $second went to the iPhone"
grep -q '"Level":"Warning"' "$root/var/gateway.log" && step "   (warnings logged: $(grep -c '"Level":"Warning"' "$root/var/gateway.log"))"
step "OK"
