-- Marks a link used ($2) for an organisation ($3).
UPDATE sign_in_links SET used_at = micros_to_ts($2), organisation_id = $3
WHERE id = $1 AND used_at IS NULL
