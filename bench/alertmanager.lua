-- wrk script: POST one alert per request to Prometheus Alertmanager's
-- /api/v2/alerts, as the baseline for the Alertgate ingest benchmark.
--
-- Arguments (after "--" on the wrk command line):
--   1. run prefix - random per benchmark run and phase
-- Each request carries a distinct "id" label, so Alertmanager stores a new
-- alert every time instead of refreshing one (the same work Alertgate does
-- with distinct webhook-ids). The payload is about the size of the Elastic
-- alert body. A non-2xx answer counts as an error.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(here .. "wrk-common.lua")

local run_prefix, starts_at

-- %s slots: id label, startsAt.
local template = '[{"labels":{"alertname":"EncodedPowerShellFromOffice",' ..
   '"severity":"high","instance":"fin-ws-0417","job":"elastic-siem",' ..
   '"source_ip":"10.42.7.118","destination_ip":"198.51.100.23",' ..
   '"user":"j.moreau","mitre_tactic":"TA0002","mitre_technique":"T1059.001",' ..
   '"rule_uuid":"c1a7e5d2-38f4-4b6e-9d0a-71e2b8f54c13",' ..
   '"id":"%s"},' ..
   '"annotations":{"summary":"Encoded PowerShell spawned by WINWORD.EXE on fin-ws-0417",' ..
   '"description":"powershell.exe with an encoded command was started by ' ..
   'WINWORD.EXE for user j.moreau on host fin-ws-0417 and connected to ' ..
   '198.51.100.23:443. Process sha256 9e3b1c7a54d2f80e6b4a19c3d7e25f0a8b61c4d9' ..
   'e2f7a3b05c8d1e6f4a2b9c70. Risk score 73, rule Encoded PowerShell Spawned ' ..
   'by Office Application.","runbook_url":"https://runbooks.example.org/' ..
   'soc/encoded-powershell","elastic_alert_uuid":"5f0c2e4a9b7d41c38e16a2d7f0b3c948",' ..
   '"workflow_status":"open"},' ..
   '"startsAt":"%s","generatorURL":"https://siem.example.org/alerts/' ..
   '5f0c2e4a9b7d41c38e16a2d7f0b3c948"}]'

setup = common.setup

function init(args)
   run_prefix = assert(args[1], "missing run prefix argument")
   starts_at = os.date("!%Y-%m-%dT%H:%M:%SZ")
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/json"
end

function request()
   local body = string.format(template, common.next_id(run_prefix), starts_at)
   return wrk.format(nil, nil, nil, body)
end

done = common.make_done("alertmanager")
