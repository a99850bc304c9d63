-- A link by id.
SELECT id, email, ts_to_micros(expires_at), ts_to_micros(used_at), coalesce(organisation_id, '')
FROM sign_in_links WHERE id = $1
