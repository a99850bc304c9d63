-- The id of the person at address $2, made ($1, at $3) the first time;
-- $3 is when they signed in (the idle_identities retention runs from it).
INSERT INTO person_identities (id, email, created_at, last_signed_in_at)
VALUES ($1, $2, micros_to_ts($3), micros_to_ts($3))
ON CONFLICT (email) DO UPDATE SET last_signed_in_at = EXCLUDED.last_signed_in_at
RETURNING id
