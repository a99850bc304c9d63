-- One release by id.
SELECT id, programme_id, quarter, reports, withheld, released_by, ts_to_micros(released_at)
FROM reach_releases
WHERE id = $1::uuid
