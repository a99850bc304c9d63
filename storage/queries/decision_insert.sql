INSERT INTO decisions (application_id, recommendation_id, outcome, approved_minor, comment,
                       recommended_by, decided_by, decided_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, micros_to_ts($8))
