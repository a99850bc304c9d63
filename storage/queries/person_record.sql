INSERT INTO people (subject, role, first_seen)
VALUES ($1, $2, micros_to_ts($3))
ON CONFLICT (subject, role) DO NOTHING
