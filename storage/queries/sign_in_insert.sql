-- A new link: address, code hash, language, now, expiry.
INSERT INTO sign_in_links (email, code_sha256, language, created_at, expires_at)
VALUES ($1, $2, $3, micros_to_ts($4), micros_to_ts($5))
RETURNING id
