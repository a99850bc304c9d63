INSERT INTO review_assignments (application_id, reviewer, round_id, assigned_by,
                                assigned_at)
VALUES ($1, $2, $3, $4, micros_to_ts($5))
ON CONFLICT ON CONSTRAINT review_assignments_pkey DO NOTHING
RETURNING reviewer
