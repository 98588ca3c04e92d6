-- wrk script of bench/soak.sh's spike check: POSTs a JSON body of just under 1 MiB (the default
-- http.max_body_bytes) to a source without authentication, a distinct body each request (its id first), so every
-- request is read, parsed and committed in full rather than answered as a duplicate.
--
-- Arguments: 1. run prefix, random per run, the start of every body's id.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(here .. "wrk-common.lua")

local run_prefix
-- The id is at most 40 characters: with the braces and names, the body stays under 1,048,576 bytes.
local padding = string.rep("x", 1048576 - 64)

setup = common.setup

function init(args)
   run_prefix = assert(args[1], "missing run prefix argument")
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/json"
end

function request()
   local id = common.next_id(run_prefix)
   return wrk.format(nil, nil, nil, '{"id":"' .. id .. '","pad":"' .. padding .. '"}')
end

done = common.make_done("spike")
