INSERT INTO rubrics AS r (round_id, set_by, set_at)
VALUES ($1, $2, micros_to_ts($3))
ON CONFLICT ON CONSTRAINT rubrics_pkey
  DO UPDATE SET set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at
RETURNING r.round_id
