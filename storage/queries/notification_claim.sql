-- The oldest undelivered messages, locked; another dispatcher skips them.
SELECT id, kind, organisation_id, recipient, language, params::text, ts_to_micros(created_at)
FROM notifications
WHERE sent_at IS NULL
ORDER BY created_at, id
LIMIT $1
FOR UPDATE SKIP LOCKED
