-- wrk script of the ingestion-single benchmark: one canonical event of about RECORD bytes per
-- request, a fresh id every time (a repeated id would be answered "duplicate", not measured work),
-- bearer token from TOKEN. Counts the answers that are not 202 (printed as non_202=<n>).
local counter = 0
local thread_id = 0
local threads = {}
local run = os.getenv("RUN") or tostring(os.time())
local record = tonumber(os.getenv("RECORD") or "1024")
local occurred = os.getenv("OCCURRED_AT")
local token = os.getenv("TOKEN")
local non202 = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
  table.insert(threads, thread)
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-ndjson"
  if token then wrk.headers["Authorization"] = "Bearer " .. token end
end

function request()
  counter = counter + 1
  local n = run .. "-" .. id .. "-" .. counter
  local head = '{"id":"bench-' .. n .. '","source":"bench","project":"erp","type":"transaction.processed",'
    .. '"occurredAt":"' .. occurred .. '","entity":"bench/' .. n .. '","value":1500.0,'
    .. '"attributes":{"currency":"XOF","pad":"'
  local pad = math.max(0, record - #head - 3)
  return wrk.format(nil, nil, nil, head .. string.rep("x", pad) .. '"}}')
end

function response(status, headers, body)
  if status ~= 202 then non202 = non202 + 1 end
end

function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do failed = failed + (t:get("non202") or 0) end
  io.write(string.format("requests_per_s=%.0f p50_ms=%.2f p99_ms=%.2f non_202=%d requests=%d\n",
    (summary.requests - failed) / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, failed, summary.requests))
end
