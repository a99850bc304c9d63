SELECT r.id, r.application_id, r.outcome, r.amount_minor, r.reason, r.submission_version,
       r.recommended_by, r.recommender_role, ts_to_micros(r.recommended_at)
FROM recommendations AS r WHERE r.application_id = $1
ORDER BY r.seq DESC LIMIT 1
