-- One message to an address ($3) rather than an organisation's contact,
-- unless one with the same dedupe key exists.
INSERT INTO notifications (dedupe_key, kind, organisation_id, recipient, language, params,
                           created_at)
VALUES ($1, $2, '', $3, $4, $5::jsonb, micros_to_ts($6))
ON CONFLICT ON CONSTRAINT notifications_dedupe_unique DO NOTHING
RETURNING id
