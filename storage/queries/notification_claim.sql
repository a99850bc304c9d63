-- The oldest undelivered messages whose next attempt is due ($2, the
-- server's clock), locked; another dispatcher skips them.
SELECT id, kind, organisation_id, recipient, language, params::text, ts_to_micros(created_at)
FROM notifications
WHERE sent_at IS NULL AND rejected_at IS NULL
  AND (next_attempt_at IS NULL OR next_attempt_at <= micros_to_ts($2))
ORDER BY created_at, id
LIMIT $1
FOR UPDATE SKIP LOCKED
