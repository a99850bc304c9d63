INSERT INTO award_expiry_runs (round_id, award_ids, run_by, run_at)
VALUES (NULLIF($1, '')::uuid, $2::uuid[], $3, micros_to_ts($4))
RETURNING id
