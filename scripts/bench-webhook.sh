#!/usr/bin/env bash
# The signed voice webhook -> TwiML path of the gateway against the peer a user would write instead
# (Express + Twilio's Node SDK, in ../shared/bench), with ../shared/bench's wrk load script, alternating
# peer and gateway runs and printing each run and the medians. Works on a copy of ../shared/bench in a
# throw-away folder (npm installs the peer's dependencies there), so ../shared is only read.
#
# The request is what Twilio sends when the agent's browser places a call (POST /twilio/voice/outbound,
# From=client:<identity>), signed for https://voice-gw.example.com with the bench's fake auth token. wrk
# replays one request, so after the first the gateway answers from the webhook's stored receipt (Twilio's
# retries are answered the same way: nothing is done twice). The rate limits are raised out of the load's
# reach (at 45 000 requests a second, a million a minute is passed in the second round), and the calling
# hours are opened all day: the bench's lead is in Texas, and outside 8:00-21:00 there the gateway would answer
# every request with the spoken refusal instead of the <Dial> measured here (the answer must contain <Dial>).
#
# --first-deliveries adds, in every round, a run of the same load in which every request is a different webhook
# (its own CallSid, signed with the SDK): each is stored and committed to disk before it is answered.
#
# Usage: scripts/bench-webhook.sh [--rounds N] [--first-deliveries] [--gateway-port PORT] [--keep]
#   --rounds N           peer/gateway alternations (default 3)
#   --first-deliveries   also measure first deliveries (no replays) in each round
#   --gateway-port PORT  where the gateway listens on loopback (default: a free port)
#   --keep               keep the throw-away folder
# Needs: a Release build (dotnet build -c Release Softphone.sln), node and npm, wrk (apt-get install -y wrk), curl.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

usage() { sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
rounds=3 port="" keep=0 first=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) [ $# -ge 2 ] || usage; rounds=$2; shift 2 ;;
    --gateway-port) [ $# -ge 2 ] || usage; port=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --first-deliveries) first=1; shift ;;
    -h|--help) usage ;;
    *) echo "bench-webhook: unknown argument: $1" >&2; usage ;;
  esac
done
case "$rounds" in ''|*[!0-9]*|0) echo "bench-webhook: --rounds must be a positive number" >&2; usage ;; esac
[ -n "$port" ] || port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
for tool in node npm wrk curl; do command -v "$tool" >/dev/null || { echo "bench-webhook: $tool is required" >&2; exit 1; }; done
dll="$repo/Gateway/bin/Release/net10.0/Softphone.Gateway.dll"
[ -f "$dll" ] || { echo "bench-webhook: build first: dotnet build -c Release Softphone.sln" >&2; exit 1; }
[ -d "$repo/../shared/bench" ] || { echo "bench-webhook: ../shared/bench not found beside the repository" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/softphone-bench-webhook.XXXXXX")
gateway_pid=""
cleanup() {
  [ -n "$gateway_pid" ] && kill "$gateway_pid" 2>/dev/null && wait "$gateway_pid" 2>/dev/null
  if [ "$keep" = 1 ]; then echo "bench-webhook: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
tar -C "$repo/../shared" --exclude=node_modules --exclude=.bench -cf - bench | tar -C "$work" -xf -
bench="$work/bench"

token=0123456789abcdef0123456789abcdef   # the bench's fake, test-only auth token
public=https://voice-gw.example.com
(cd "$work" && exec env DOTNET_ENVIRONMENT=Development Gateway__Urls="http://127.0.0.1:$port" Storage__Path="$work/gateway.db" \
  Twilio__AuthToken=$token Twilio__PublicBaseUrl=$public Serilog__MinimumLevel__Default=Warning \
  RateLimits__WebhooksPerMinute=1000000000 RateLimits__ApiPerMinute=1000000000 \
  Compliance__CallingHours__Start=00:00:00 Compliance__CallingHours__End=1.00:00:00 \
  dotnet "$dll" >"$work/gateway.log" 2>&1) &
gateway_pid=$!
up=0
for _ in $(seq 1 150); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && { up=1; break; }; sleep 0.2; done
[ "$up" = 1 ] || { echo "bench-webhook: the gateway did not start:" >&2; tail -n 20 "$work/gateway.log" >&2; exit 1; }
identity=$(curl -fsS -X POST -H 'Authorization: Bearer dev-boss-key' "http://127.0.0.1:$port/api/token" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["identity"])')

declare -a peer_rps gw_rps peer_cpu gw_cpu first_rps first_cpu
cpu_ticks() { awk '{print $14 + $15}' "/proc/$gateway_pid/stat"; }
# One wrk run of first deliveries: COUNT distinct signed webhooks (PREFIX makes their CallSids unique to the run).
first_run() {  # DURATION COUNT PREFIX -> the WRKSTATS line
  node "$repo/scripts/bench/first-deliveries.js" "$bench/.bench/request.json" "$bench" "$2" "$3" "$work/first.txt"
  # The file's last request is taken out and sent first: a new webhook must be answered with its <Dial>.
  IFS=$'\t' read -r body signature < <(tail -n 1 "$work/first.txt"); sed -i '$d' "$work/first.txt"
  curl -fsS -H 'Content-Type: application/x-www-form-urlencoded' -H "X-Twilio-Signature: $signature" --data-binary "$body" \
    "http://127.0.0.1:$port/twilio/voice/outbound" | grep -q '<Dial' || { echo "bench-webhook: a first delivery was not answered with <Dial>" >&2; return 1; }
  wrk -t2 -c64 -d"$1"s --timeout 2s -s "$repo/scripts/bench/first-deliveries.lua" \
    "http://127.0.0.1:$port/twilio/voice/outbound" -- "$work/first.txt" 2 | grep '^WRKSTATS'
}
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" | tail -n 1; }
for r in $(seq 1 "$rounds"); do
  out=$("$bench/peer-bench.sh" 2>&1) || { echo "$out" >&2; exit 1; }
  line=$(echo "$out" | grep '^PEER_RESULT')
  peer_rps+=("$(echo "$line" | field rps)"); peer_cpu+=("$(echo "$line" | field cpu_us_per_req)")
  echo "round $r peer:    $line"
  out=$(EXPECT='<Dial' SERVER_PID=$gateway_pid FROM_IDENTITY="client:$identity" SIGN_URL="$public/twilio/voice/outbound" \
    "$bench/bench.sh" "http://127.0.0.1:$port/twilio/voice/outbound" 2>&1) || { echo "$out" >&2; exit 1; }
  result=$(echo "$out" | grep '^RESULT'); server=$(echo "$out" | grep '^SERVER')
  gw_rps+=("$(echo "$result" | field rps)"); gw_cpu+=("$(echo "$server" | field cpu_us_per_req)")
  echo "round $r gateway: $result ${server#SERVER }"
  if [ "$first" = 1 ]; then
    first_run 5 60000 "a$r" >/dev/null || exit 1
    before=$(cpu_ticks)
    stats=$(first_run 15 240000 "b$r") || exit 1
    ticks=$(( $(cpu_ticks) - before ))
    requests=$(echo "$stats" | field requests); duration=$(echo "$stats" | field duration_us)
    for bad in err_status err_timeout reused; do
      [ "$(echo "$stats" | field $bad)" = 0 ] || { echo "bench-webhook: first deliveries: $bad is not 0: $stats" >&2; exit 1; }
    done
    rps=$(awk -v n="$requests" -v d="$duration" 'BEGIN { printf "%.1f", n / (d / 1e6) }')
    cpu=$(awk -v t="$ticks" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')
    first_rps+=("$rps"); first_cpu+=("$cpu")
    echo "round $r gateway, first deliveries: rps=$rps p50_ms=$(echo "$stats" | field p50_us | awk '{print $1/1000}') p99_ms=$(echo "$stats" | field p99_us | awk '{print $1/1000}') cpu_us_per_req=$cpu"
  fi
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
p_rps=$(median "${peer_rps[@]}"); g_rps=$(median "${gw_rps[@]}"); p_cpu=$(median "${peer_cpu[@]}"); g_cpu=$(median "${gw_cpu[@]}")
echo
echo "median of $rounds: peer $p_rps rps, $p_cpu us CPU/request; gateway $g_rps rps, $g_cpu us CPU/request"
awk -v gr="$g_rps" -v pr="$p_rps" -v gc="$g_cpu" -v pc="$p_cpu" \
  'BEGIN { printf "gateway/peer: %.2fx the requests per second, %.2fx less CPU per request\n", gr/pr, pc/gc }'
if [ "$first" = 1 ]; then
  f_rps=$(median "${first_rps[@]}"); f_cpu=$(median "${first_cpu[@]}")
  echo "first deliveries, median of $rounds: gateway $f_rps rps, $f_cpu us CPU/request"
  awk -v gr="$f_rps" -v pr="$p_rps" -v gc="$f_cpu" -v pc="$p_cpu" \
    'BEGIN { printf "first deliveries/peer: %.2fx the requests per second, %.2fx less CPU per request\n", gr/pr, pc/gc }'
fi
