-- wrk script used by scripts/bench.sh.
--
--   wrk ... -s scripts/bench/load.lua http://127.0.0.1:PORT -- TASK_ID POST_PERCENT
--
-- POST_PERCENT = 0 : every request is GET /api/v1/tasks/TASK_ID (TASK_ID "list": GET /api/v1/tasks)
-- POST_PERCENT = 20: each request is, at random, POST /api/v1/tasks (create, 20 %) or the GET above (80 %)
--
-- done() prints one line "BENCH_RESULT key=value ..." that bench.sh parses (latencies in microseconds),
-- so the script does not depend on the unit formatting of wrk's human-readable report.

local get_path = "/api/v1/tasks/1"
local post_percent = 0
local post_body = '{"title":"bench task"}'
local thread_count = 0

-- Runs in the main Lua state once per thread: gives each thread its own number for seeding.
function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
end

-- Runs in each thread's Lua state.
function init(args)
  if args[1] == "list" then
    get_path = "/api/v1/tasks"
  else
    get_path = "/api/v1/tasks/" .. (args[1] or "1")
  end
  post_percent = tonumber(args[2] or "0")
  math.randomseed(os.time() * 100 + (thread_number or 0))
end

function request()
  if post_percent > 0 and math.random(100) <= post_percent then
    return wrk.format("POST", "/api/v1/tasks", { ["Content-Type"] = "application/json" }, post_body)
  end
  return wrk.format("GET", get_path)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect, e.read, e.write, e.timeout))
end
