-- wrk script: the booking API's read-heavy mix, and an optional pause per connection for a fixed rate.
--   per 10 requests: 4 x GET /events, 4 x GET /events/{1..4}, 2 x POST /bookings (1 seat, events 1 and 2,
--   to which the harness adds seats so that no run sells out).
-- Script arguments (after `--`): pause in milliseconds between a response and the next request on the
-- same connection (0 = as fast as possible). At the end it prints one line, BENCH_JSON {...}.

local pause_ms = 0
local requests = {}
local position = 0
local threads = 0

-- Runs in wrk's main Lua state before each thread's init: gives each thread its own start in the cycle.
function setup(thread)
  thread:set("start", threads)
  threads = threads + 1
end

local function booking(event_id)
  local body = string.format(
    '{"eventId":%d,"seats":1,"buyerEmail":"bench@example.com","card":{"number":"4111111111111111","expiry":"12/30","cvc":"123"}}',
    event_id)
  return wrk.format("POST", "/bookings", { ["Content-Type"] = "application/json" }, body)
end

function init(args)
  pause_ms = tonumber(args[1] or "0") or 0
  local get_events = wrk.format("GET", "/events")
  requests = {
    get_events, wrk.format("GET", "/events/1"), booking(1),
    get_events, wrk.format("GET", "/events/2"),
    get_events, wrk.format("GET", "/events/3"), booking(2),
    get_events, wrk.format("GET", "/events/4"),
  }
  -- Threads start at different places in the cycle, so the mix holds over short windows too.
  position = ((start or 0) * 3) % #requests
  -- wrk asks for delay() only when the script defines it (checked after init); without a pause it does not.
  if pause_ms > 0 then
    delay = function() return pause_ms end
  end
end

function request()
  position = position % #requests + 1
  return requests[position]
end


function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"errors_connect":%d,"errors_read":%d,' ..
    '"errors_write":%d,"errors_status":%d,"errors_timeout":%d,"latency_mean_us":%.1f,"latency_max_us":%d,' ..
    '"p50_us":%d,"p90_us":%d,"p99_us":%d,"p999_us":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.max, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9)))
end
