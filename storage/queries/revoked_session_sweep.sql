-- Forgets revocations of tokens that have expired by $1 (they are refused
-- as expired now).
DELETE FROM revoked_sessions WHERE expires_at < micros_to_ts($1)
