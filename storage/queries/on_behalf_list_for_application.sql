-- Every act for the organisation on one application, its award and
-- reports, oldest first.
SELECT officer, organisation_id, action, reason, ts_to_micros(acted_at)
FROM acts_on_behalf WHERE application_id = $1::uuid
ORDER BY acted_at, seq
