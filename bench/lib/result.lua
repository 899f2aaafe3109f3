-- Shared wrk done() that prints one machine-readable line for the bench scripts to parse.
-- Latencies from wrk are in microseconds; printed in milliseconds.
local M = {}

function M.line(summary, latency, extra)
  local e = summary.errors
  local secs = summary.duration / 1e6
  return string.format(
    "BENCH_RESULT requests=%d duration_s=%.3f rps=%.2f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f"
    .. " err_connect=%d err_read=%d err_write=%d err_timeout=%d err_status=%d%s\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000,
    e.connect, e.read, e.write, e.timeout, e.status, extra or "")
end

function M.done(summary, latency, requests)
  io.write(M.line(summary, latency))
end

return M
