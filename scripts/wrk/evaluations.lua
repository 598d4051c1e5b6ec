-- wrk script: POSTs a realistic mix of evaluation requests, as the requester demo account, and prints
-- one machine-readable RESULT line. The path comes from the URL given to wrk.
-- Mix (per 10 requests): 3 SPEC example (many facts), 2 labs only, 2 activity and symptoms,
-- 1 medications and substances, 1 conditions and diet, 1 empty. With WRK_MIX=spec in the environment
-- (scripts/benchmark-http.sh sets it), every request is the SPEC section 3 example.
local spec = [[{"patient":{"id":"p-123","age":67,"sex":"female"},"cramps":{"severity":"severe","episodesPerWeek":4,"durationWeeks":6,"nocturnal":true},"labs":[{"analyte":"potassium","value":3.1,"unit":"mmol/L"},{"analyte":"magnesium","value":1.4,"unit":"mg/dL"}],"hydration":{"fluidIntakeLitresPerDay":1.0,"heavySweating":true,"dehydrationSigns":false},"diet":{"lowIn":["magnesium"]},"activity":{"intensity":"intense","warmsUp":false,"stretches":true,"restDaysPerWeek":0,"standingHoursPerDay":2,"repetitiveStrain":false},"conditions":["hypertension","Parkinson's disease"],"medications":[{"name":"Lasix"}],"substances":{"alcoholUnitsPerWeek":10,"caffeineMgPerDay":300,"herbalSupplements":["licorice root"]},"symptoms":["tremor"]}]]
local labs = [[{"patient":{"id":"p-204","age":54,"sex":"male"},"cramps":{"severity":"moderate","episodesPerWeek":2,"durationWeeks":3},"labs":[{"analyte":"potassium","value":3.9,"unit":"mmol/L"},{"analyte":"sodium","value":131,"unit":"mmol/L"},{"analyte":"calcium","value":8.4,"unit":"mg/dL"},{"analyte":"vitamin-d","value":45,"unit":"nmol/L"}]}]]
local activity = [[{"cramps":{"severity":"mild","episodesPerWeek":1,"durationWeeks":1},"activity":{"intensity":"intense","warmsUp":true,"stretches":false,"restDaysPerWeek":1,"standingHoursPerDay":7,"repetitiveStrain":true},"symptoms":["numbness","tingling"]}]]
local medications = [[{"patient":{"id":"p-311"},"medications":[{"name":"hydrochlorothiazide"},{"name":"atorvastatin"},{"name":"metformin"}],"substances":{"alcoholUnitsPerWeek":18,"caffeineMgPerDay":450,"herbalSupplements":["dandelion","ginkgo"]}}]]
local conditions = [[{"patient":{"age":71,"sex":"female"},"conditions":["celiac disease","multiple sclerosis","asthma"],"diet":{"lowIn":["potassium","calcium"]},"hydration":{"fluidIntakeLitresPerDay":2.0,"dehydrationSigns":true}}]]
local empty = "{}"
local mix = { spec, labs, activity, spec, medications, labs, spec, activity, conditions, empty }
if os.getenv("WRK_MIX") == "spec" then
  mix = { spec }
end

local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic cmVxdWVzdGVyOnJlcXVlc3Rlcg=="  -- requester:requester

function request()
  counter = counter + 1
  return wrk.format(nil, nil, nil, mix[(counter % #mix) + 1])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local non2xx = summary.errors.status
  local socket = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, non2xx, socket))
end
