-- One message about award $3 to its organisation's main contact (in its
-- correspondence language), with the application's tracking reference
-- added to the parameters ($4), unless one with the same dedupe key ($1)
-- exists.
INSERT INTO notifications (dedupe_key, kind, organisation_id, recipient, language, params,
                           created_at)
SELECT $1, $2, o.id, coalesce(o.contacts -> 0 ->> 'email', ''), o.correspondence_language,
       $4::jsonb || jsonb_build_object('reference', coalesce(p.reference, '')),
       micros_to_ts($5)
FROM awards AS a
JOIN applications AS p ON p.id = a.application_id
JOIN organisations AS o ON o.id = a.organisation_id
WHERE a.id = $3::uuid
ON CONFLICT ON CONSTRAINT notifications_dedupe_unique DO NOTHING
RETURNING id
