-- The id of the person at address $2, made ($1, at $3) the first time.
INSERT INTO person_identities (id, email, created_at)
VALUES ($1, $2, micros_to_ts($3))
ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email
RETURNING id
