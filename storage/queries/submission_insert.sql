INSERT INTO application_submissions (application_id, version, submitted_at,
                                     content, eligibility, failed_rules)
VALUES ($1, $2, micros_to_ts($3), $4::jsonb, $5, $6::jsonb)
