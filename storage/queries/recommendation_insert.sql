INSERT INTO recommendations AS r (application_id, outcome, amount_minor, reason,
                                  submission_version, recommended_by, recommender_role,
                                  recommended_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, micros_to_ts($8))
RETURNING r.id, r.application_id, r.outcome, r.amount_minor, r.reason, r.submission_version,
       r.recommended_by, r.recommender_role, ts_to_micros(r.recommended_at)
