-- Revokes a session token by its SHA-256 in hex ($1) until it expires ($2), at $3;
-- a row when it was not revoked already.
INSERT INTO revoked_sessions (token_sha256, expires_at, revoked_at)
VALUES (decode($1, 'hex'), micros_to_ts($2), micros_to_ts($3))
ON CONFLICT (token_sha256) DO NOTHING
RETURNING 1
