SELECT r.round_id, r.set_by, ts_to_micros(r.set_at)
FROM rubrics AS r
WHERE r.round_id = $1
