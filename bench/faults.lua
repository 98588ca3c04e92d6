-- wrk script of bench/faults.sh: relay-paced.lua's signed Elastic alerts at a fixed rate, with every answer
-- written down, so that what was acknowledged can be checked against what arrived. Each load thread appends one
-- line per answer to a file of its own, "<epoch ms> <status> <inbound id or ->": the id is the one a 202 or a
-- 200 duplicate names in its body (a 503 or a refused connection has none). wrk cannot tell which request an
-- answer is for, so the acknowledged events are known by the ids the gateway gave them, not by the ids sent.
--
-- Arguments: relay-paced.lua's five (run prefix, uuid prefix, body file, secret file, mean wait in ms), then
--   6. answers file prefix - thread N writes to this prefix followed by N
--
-- The RESULT line adds to wrk-common.lua's: sent (requests begun, whether or not an answer came) and ok (2xx).

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "relay-paced.lua")
local common = dofile(here .. "wrk-common.lua")

local ffi = require("ffi")
ffi.cdef [[
   typedef struct { long tv_sec; long tv_usec; } faults_timeval;
   int gettimeofday(faults_timeval *tv, void *tz);
]]
local tv = ffi.new("faults_timeval")

local function now_ms()
   ffi.C.gettimeofday(tv, nil)
   return tonumber(tv.tv_sec) * 1000 + math.floor(tonumber(tv.tv_usec) / 1000)
end

local threads = {}   -- main state only

function setup(thread)
   common.setup(thread)
   table.insert(threads, thread)
end

local paced_init = init
local answers
ok = 0

function init(args)
   paced_init(args)
   local prefix = assert(args[6], "missing answers file argument")
   answers = assert(io.open(prefix .. (tid or 0), "w"))
   answers:setvbuf("line")
end

function response(status, headers, body)
   local id = status >= 200 and status < 300 and body and body:match('"id"%s*:%s*"([^"]+)"') or "-"
   if status >= 200 and status < 300 then ok = ok + 1 end
   answers:write(string.format("%d %d %s\n", now_ms(), status, id))
end

local relay_done = common.make_done("faults")

function done(summary, latency, requests)
   relay_done(summary, latency, requests)
   local sent, answered_ok = 0, 0
   for _, thread in ipairs(threads) do
      sent = sent + (thread:get("counter") or 0)
      answered_ok = answered_ok + (thread:get("ok") or 0)
   end
   io.write(string.format("RESULT sent=%d ok=%d\n", sent, answered_ok))
end
