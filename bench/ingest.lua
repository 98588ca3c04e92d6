-- wrk script: POST one signed Elastic Security alert per request to
-- Alertgate's /api/v1/webhooks/elastic, each with its own webhook-id.
--
-- Arguments (after "--" on the wrk command line):
--   1. run prefix  - random per benchmark run and phase, keeps ids unique
--                    even when rerun against the same data dir
--   2. body file   - the exact bytes to send (already signed by ingest.sh)
--   3. signature   - "sha256=<hex HMAC-SHA256 of those bytes>"
-- A non-2xx answer counts as an error; ingest.sh also checks that every
-- successful answer has its row in the gateway's database.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(here .. "wrk-common.lua")

local run_prefix, body

setup = common.setup

function init(args)
   run_prefix = assert(args[1], "missing run prefix argument")
   body = common.read_file(assert(args[2], "missing body file argument"))
   wrk.method = "POST"
   wrk.body = body
   wrk.headers["Content-Type"] = "application/json"
   wrk.headers["X-Elastic-Signature"] = assert(args[3], "missing signature argument")
end

function request()
   -- The body (and so its signature) is the same every time; only the
   -- delivery id changes, which makes every request a new event for the
   -- gateway's de-duplication.
   wrk.headers["webhook-id"] = common.next_id(run_prefix)
   return wrk.format()
end

done = common.make_done("alertgate")
