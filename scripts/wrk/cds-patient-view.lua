-- wrk script: POSTs one CDS Hooks patient-view call (the body in the file named by WRK_BODY) with a
-- signed JWT from the file named by WRK_TOKENS (one token a line, each used once: the service refuses a
-- replayed jti). Each wrk thread takes every n-th token. Prints one machine-readable RESULT line, as
-- evaluations.lua does. scripts/benchmark-cds-hooks.sh prepares both files.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
  thread:set("count", 0)
end

function init(args)
  local body_file = assert(io.open(os.getenv("WRK_BODY"), "r"))
  wrk.body = body_file:read("*a")
  body_file:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  tokens = {}
  local n = tonumber(os.getenv("WRK_THREADS") or "1")
  local i = 0
  for line in io.lines(os.getenv("WRK_TOKENS")) do
    if i % n == index then
      table.insert(tokens, line)
    end
    i = i + 1
  end
end

function request()
  counter = counter + 1
  wrk.headers["Authorization"] = "Bearer " .. (tokens[counter] or "exhausted")
  return wrk.format()
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local non2xx = summary.errors.status
  local socket = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, non2xx, socket))
end
