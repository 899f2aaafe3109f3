-- wrk script: one full UMA 2.0 exchange per iteration, per connection:
--   1. resource server -> permission endpoint (Bearer PAT, JSON body)  => {"ticket": "..."}
--   2. requesting client -> token endpoint, grant urn:ietf:params:oauth:grant-type:uma-ticket => RPT
-- Run with as many wrk threads as connections (-t N -c N): wrk keeps Lua state per thread, so one
-- connection per thread makes request()/response() strictly alternate and the per-thread state below
-- is the state of that connection.
--
-- Environment:
--   BENCH_PERMISSION_PATH  path of the permission endpoint (e.g. /realms/r/authz/protection/permission)
--   BENCH_PERMISSION_BODY  JSON body of the permission request
--   BENCH_PAT              the resource server's protection API token
--   BENCH_TOKEN_PATH       path of the token endpoint
--   BENCH_EXCHANGE_AUTH    Authorization header value of the exchange ("Bearer <token>" or "Basic <b64>")
--   BENCH_EXCHANGE_EXTRA   extra, already form-encoded parameters of the exchange ("&claim_token=...")
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
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

-- Per-thread (= per-connection) state; globals so done() can read them with thread:get().
phase = "ticket"
ticket = nil
started = 0
latencies = {}   -- full exchange latency (ticket request sent -> RPT received), microseconds
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

local result = dofile(env("BENCH_LIB") .. "/result.lua")

function done(summary, latency, requests)
  local all, n, tfail, xfail, failure = {}, 0, 0, 0, ""
  for _, thread in ipairs(threads) do
    local lat = thread:get("latencies")
    for _, v in ipairs(lat) do all[#all + 1] = v end
    n = n + thread:get("exchanges")
    tfail = tfail + thread:get("ticket_failures")
    xfail = xfail + thread:get("exchange_failures")
    local f = thread:get("last_failure")
    if f ~= "" then failure = f end
  end
  table.sort(all)
  -- BENCH_LAT_FILE (bench/cluster-load.sh): every exchange latency in ms, one per line, so that the latencies of
  -- several wrk processes (one per node) can be merged into one distribution.
  local lat_file = os.getenv("BENCH_LAT_FILE")
  if lat_file and lat_file ~= "" then
    local out = assert(io.open(lat_file, "w"))
    for _, v in ipairs(all) do out:write(string.format("%.3f\n", v / 1000)) end
    out:close()
  end
  local function pct(p)
    if #all == 0 then return 0 end
    local i = math.max(1, math.ceil(#all * p / 100))
    return all[i] / 1000
  end
  local secs = summary.duration / 1e6
  io.write(result.line(summary, latency, string.format(
    " exchanges=%d xps=%.2f x_p50_ms=%.3f x_p99_ms=%.3f ticket_failures=%d exchange_failures=%d",
    n, n / secs, pct(50), pct(99), tfail, xfail)))
  if failure ~= "" then io.write("BENCH_LAST_FAILURE " .. failure:gsub("\n", " ") .. "\n") end
end
