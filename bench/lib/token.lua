-- wrk script: OAuth 2.1 client_credentials token requests (form body + HTTP Basic client auth).
-- Environment: BENCH_BASIC = base64("client_id:client_secret"), BENCH_SCOPE = optional, form-encoded scope.
local basic = os.getenv("BENCH_BASIC")
if basic == nil or basic == "" then error("BENCH_BASIC is not set") end
local scope = os.getenv("BENCH_SCOPE") or ""

wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
if scope ~= "" then wrk.body = wrk.body .. "&scope=" .. scope end
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. basic
wrk.headers["Accept"] = "application/json"

local result = dofile(os.getenv("BENCH_LIB") .. "/result.lua")
done = result.done
