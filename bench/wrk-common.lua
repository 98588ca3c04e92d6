-- Shared wrk helpers for the bench scripts (loaded with dofile by ingest.lua
-- and alertmanager.lua). wrk runs every script in several Lua states: one
-- "main" state that calls setup() and done(), and one state per load thread
-- that calls init(), request() and response(). Values only cross between them
-- through thread:set()/thread:get(), which is why counters are read back in
-- done() from the thread objects collected in setup().

local M = {}

local threads = {}   -- main state only: thread objects, for done()

-- Give each load thread a small number so the ids it generates cannot
-- collide with another thread's.
function M.setup(thread)
   thread:set("tid", #threads + 1)
   table.insert(threads, thread)
end

-- Per-thread request counter, a global of the thread's Lua state.
counter = 0

-- A request id that is unique across threads (tid, set in setup) and across
-- runs (run_prefix is random per benchmark run and names the phase).
function M.next_id(run_prefix)
   counter = counter + 1
   return string.format("%s-t%d-%d", run_prefix, tid or 0, counter)
end

-- Print one machine-readable line that ingest.sh parses:
--   RESULT rps=... p50_ms=... p99_ms=... errors=... requests=...
-- errors = socket errors (connect/read/write/timeout) + responses that were not
-- 2xx. No response() hook counts exact statuses: defining one makes wrk hand
-- every response to Lua, which costs it enough CPU to slow the server it shares
-- the machine with. ingest.sh checks the gateway's answers against its database.
function M.make_done(name)
   return function(summary, latency, requests)
      local e = summary.errors
      local unexpected_total = e.status
      local socket_errors = e.connect + e.read + e.write + e.timeout
      local seconds = summary.duration / 1e6
      local rps = seconds > 0 and summary.requests / seconds or 0

      -- wrk records latency in microseconds.
      io.write(string.format(
         "RESULT name=%s rps=%.2f p50_ms=%.3f p99_ms=%.3f errors=%d " ..
         "requests=%d socket_errors=%d unexpected_status=%d duration_s=%.2f\n",
         name, rps, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
         socket_errors + unexpected_total, summary.requests, socket_errors,
         unexpected_total, seconds))
   end
end

-- Read a file exactly as stored (binary mode: no newline translation), so the
-- bytes sent are the bytes that were signed.
function M.read_file(path)
   local f = assert(io.open(path, "rb"), "cannot open " .. tostring(path))
   local data = f:read("*a")
   f:close()
   return data
end

return M
