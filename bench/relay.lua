-- wrk script: POST one signed Elastic Security alert per request to Alertgate's /api/v1/webhooks/elastic, each a
-- different alert. The relay delivers the alerts of one incident (kibana.alert.uuid, with the rule) in order, one
-- after the other, so the same body every time would measure one incident's queue; each request here carries its
-- own kibana.alert.uuid, and so its own body and X-Elastic-Signature, signed in Lua (hmac.lua) per request.
--
-- Arguments (after "--" on the wrk command line):
--   1. run prefix  - webhook-id prefix, random per benchmark run and phase (see wrk-common.lua)
--   2. uuid prefix - 10 hex digits, random per run and phase: the start of every kibana.alert.uuid
--   3. body file   - bench/elastic-alert.json; its kibana.alert.uuid is replaced
--   4. secret file - holds the Elastic source's HMAC secret (a file, so it is not on wrk's command line)
-- relay-paced.lua is this script at a fixed rate.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(here .. "wrk-common.lua")
local hmac = dofile(here .. "hmac.lua")

local run_prefix, uuid_prefix, prefix, sign
-- BENCH_ENRICH=1 (relay.sh's enrichment mode): each alert also names a public address, nine in ten of them among
-- a hundred that recur (and so are in the gateway's cache after their first lookup), one in ten never seen before.
local with_address = os.getenv("BENCH_ENRICH") == "1"

setup = common.setup

function init(args)
   run_prefix = assert(args[1], "missing run prefix argument")
   uuid_prefix = assert(args[2], "missing uuid prefix argument")
   local template = common.read_file(assert(args[3], "missing body file argument"))
   local secret = common.read_file(assert(args[4], "missing secret file argument"))
   -- The alert's uuid moves to the end of the object, so the bodies share everything before it and signing one
   -- hashes only its last blocks.
   local stripped, found = template:gsub('"kibana%.alert%.uuid"%s*:%s*"[^"]*"%s*,?', "", 1)
   assert(found == 1, "the body file has no kibana.alert.uuid")
   stripped = stripped:gsub(",%s*}%s*$", "}")
   prefix = stripped:gsub("}%s*$", "") .. ',"kibana.alert.uuid":"'
   sign = hmac.signer(secret, prefix)
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/json"
end

function request()
   wrk.headers["webhook-id"] = common.next_id(run_prefix)
   -- 32 hex digits like Kibana's: the run and phase, the thread, the thread's count (the global of wrk-common.lua).
   local tail = string.format('%s%02x%020d"}', uuid_prefix, tid or 0, counter)
   if with_address then
      local address
      if counter % 10 == 0 then
         address = string.format("9.%d.%d.%d", tid or 0, math.floor(counter / 256) % 256, counter % 256)
      else
         address = string.format("8.8.%d.%d", counter % 10, counter % 100)
      end
      tail = string.format('%s%02x%020d","client.ip":"%s"}', uuid_prefix, tid or 0, counter, address)
   end
   wrk.headers["X-Elastic-Signature"] = "sha256=" .. sign(tail)
   return wrk.format(nil, nil, nil, prefix .. tail)
end

done = common.make_done("relay")
