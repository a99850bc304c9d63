SELECT round_id, organisation_id, ts_to_micros(closes_at), reason, granted_by,
       ts_to_micros(granted_at)
FROM extensions WHERE round_id = $1 AND organisation_id = $2
