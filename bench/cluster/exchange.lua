-- wrk script for bench/cluster-load.sh: one full UMA 2.0 exchange per iteration, per connection
-- (a two-step state machine: permission ticket with the PAT, then ticket -> RPT at the token endpoint).
-- Same protocol as bench/lib/uma.lua, plus: every exchange latency is written to BENCH_LAT_FILE in done(), so
-- that the latencies of two wrk processes (one per node) can be merged into one distribution.
-- Run with as many wrk threads as connections (-t N -c N): wrk keeps Lua state per thread, so request() and
-- response() strictly alternate per connection and the globals below are that connection's state.
--
-- Environment:
--   BENCH_PERMISSION_PATH  path of the permission endpoint (/uma/permission)
--   BENCH_PERMISSION_BODY  JSON body of the permission request
--   BENCH_PAT              the resource server's protection API token
--   BENCH_TOKEN_PATH       path of the token endpoint (/oauth2/token)
--   BENCH_EXCHANGE_AUTH    Authorization header of the exchange ("Basic <b64>")
--   BENCH_EXCHANGE_EXTRA   extra, already form-encoded parameters of the exchange ("&claim_token=...")
--   BENCH_LAT_FILE         file that receives one latency (ms) per line
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } cluster_timespec;
  int clock_gettime(int clk_id, cluster_timespec *tp);
]]
local ts = ffi.new("cluster_timespec")
local function now_us()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3
end

local function env(name, default)
  local v = os.getenv(name)
  if v == nil or v == "" then
    if default ~= nil then return default end
    error(name .. " is not set")
  end
  return v
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local permission_path = env("BENCH_PERMISSION_PATH")
local permission_body = env("BENCH_PERMISSION_BODY")
local permission_headers = {
  ["Authorization"] = "Bearer " .. env("BENCH_PAT"),
  ["Content-Type"] = "application/json",
  ["Accept"] = "application/json",
}
local token_path = env("BENCH_TOKEN_PATH")
local exchange_headers = {
  ["Authorization"] = env("BENCH_EXCHANGE_AUTH"),
  ["Content-Type"] = "application/x-www-form-urlencoded",
  ["Accept"] = "application/json",
}
local exchange_extra = env("BENCH_EXCHANGE_EXTRA", "")

phase = "ticket"
ticket = nil
started = 0
latencies = {}
exchanges = 0
ticket_failures = 0
exchange_failures = 0
last_failure = ""

function request()
  if phase == "ticket" then
    started = now_us()
    return wrk.format("POST", permission_path, permission_headers, permission_body)
  end
  return wrk.format("POST", token_path, exchange_headers,
    "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Auma-ticket&ticket=" .. urlencode(ticket) .. exchange_extra)
end

function response(status, headers, body)
  if phase == "ticket" then
    local t = (status == 200 or status == 201) and body and body:match('"ticket"%s*:%s*"([^"]+)"')
    if t then
      ticket = t
      phase = "exchange"
    else
      ticket_failures = ticket_failures + 1
      last_failure = "ticket " .. status .. " " .. (body or ""):sub(1, 200)
    end
    return
  end
  if status == 200 and body and body:find('"access_token"', 1, true) then
    exchanges = exchanges + 1
    latencies[#latencies + 1] = now_us() - started
  else
    exchange_failures = exchange_failures + 1
    last_failure = "exchange " .. status .. " " .. (body or ""):sub(1, 200)
  end
  phase = "ticket"
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local n, tfail, xfail, failure = 0, 0, 0, ""
  local out = io.open(env("BENCH_LAT_FILE"), "w")
  for _, thread in ipairs(threads) do
    for _, v in ipairs(thread:get("latencies")) do out:write(string.format("%.3f\n", v / 1000)) end
    n = n + thread:get("exchanges")
    tfail = tfail + thread:get("ticket_failures")
    xfail = xfail + thread:get("exchange_failures")
    local f = thread:get("last_failure")
    if f ~= "" then failure = f end
  end
  out:close()
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_s=%.3f exchanges=%d ticket_failures=%d exchange_failures=%d"
    .. " err_connect=%d err_read=%d err_write=%d err_timeout=%d err_status=%d\n",
    summary.requests, summary.duration / 1e6, n, tfail, xfail,
    e.connect, e.read, e.write, e.timeout, e.status))
  if failure ~= "" then io.write("BENCH_LAST_FAILURE " .. failure:gsub("\n", " ") .. "\n") end
end
