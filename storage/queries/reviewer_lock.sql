-- Serialises one reviewer's declarations with their assignments and scores
-- (class 4: assessment), so a score never slips past a concurrent conflict
-- declaration.
SELECT pg_advisory_xact_lock(4, hashtext($1))
