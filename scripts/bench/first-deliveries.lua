-- wrk script for scripts/bench-webhook.sh --first-deliveries: every request is a different signed webhook
-- (its own CallSid), read from the file given after "--"; thread k of N sends lines k, k+N, k+2N, ... once each,
-- and counts what it would have had to send twice (reported as "reused", which makes the run invalid).
-- Usage: wrk ... -s first-deliveries.lua URL -- REQUESTS_FILE THREADS
local created = {}
local next_id = 0
function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(created, thread)
end

function init(args)
  local file, threads = args[1], tonumber(args[2])
  requests, sent, reused = {}, 0, 0
  local i = 0
  for line in io.lines(file) do
    if i % threads == tid then
      local body, signature = line:match("^([^\t]*)\t(.*)$")
      requests[#requests + 1] = wrk.format("POST", nil, {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["X-Twilio-Signature"] = signature,
        ["User-Agent"] = "TwilioProxy/1.1",
        ["Accept"] = "*/*",
      }, body)
    end
    i = i + 1
  end
end

function request()
  sent = sent + 1
  if sent > #requests then reused = reused + 1 end
  return requests[(sent - 1) % #requests + 1]
end

function done(summary, latency, requests)
  local total_reused = 0
  for _, thread in ipairs(created) do total_reused = total_reused + thread:get("reused") end
  local e = summary.errors
  io.write(string.format(
    "WRKSTATS requests=%d duration_us=%d p50_us=%d p99_us=%d err_status=%d err_timeout=%d reused=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.timeout, total_reused))
end
