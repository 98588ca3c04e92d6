-- wrk script: relay.lua at a fixed rate. wrk has no rate option; its delay() hook makes each connection wait
-- before its next request, so with C connections a rate R needs a wait of C * 1000 / R ms. The wait is drawn
-- uniformly between none and twice that: the mean is the same, and the connections drift apart instead of
-- firing in step. The time a request takes adds to its connection's wait, so the rate achieved is a little under
-- R; relay.sh reports the one wrk measured.
--
-- Arguments: relay.lua's four, then 5. the mean wait per connection, in milliseconds.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "relay.lua")

local relay_init = init
local wait_ms

function init(args)
   relay_init(args)
   wait_ms = assert(tonumber(args[5]), "missing wait argument (milliseconds)")
   math.randomseed((tid or 0) * 7919 + os.time())
end

function delay()
   return math.floor(math.random() * 2 * wait_ms + 0.5)
end
