INSERT INTO report_requirements (award_id, number, kind, basis, days_after, due_date,
                                 created_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6::date, $7, micros_to_ts($8))
