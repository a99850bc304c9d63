-- Whether the session token with SHA-256 $1 (hex) was revoked.
SELECT EXISTS (SELECT 1 FROM revoked_sessions WHERE token_sha256 = decode($1, 'hex'))
