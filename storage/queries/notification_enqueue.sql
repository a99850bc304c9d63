-- One message to an organisation's main contact (in its correspondence
-- language), unless one with the same dedupe key exists.
INSERT INTO notifications (dedupe_key, kind, organisation_id, recipient, language, params,
                           created_at)
SELECT $1, $2, o.id, coalesce(o.contacts -> 0 ->> 'email', ''), o.correspondence_language,
       $4::jsonb, micros_to_ts($5)
FROM organisations AS o WHERE o.id = $3
ON CONFLICT ON CONSTRAINT notifications_dedupe_unique DO NOTHING
RETURNING id
