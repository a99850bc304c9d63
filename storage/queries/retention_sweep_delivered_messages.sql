-- Up to $2 messages delivered before $1 lose their recipient's address and
-- their parameters (kind, organisation and dates stay); how many.
WITH done AS (
  UPDATE notifications SET recipient = '', params = '{}'
  WHERE id IN (SELECT id FROM notifications
               WHERE sent_at < micros_to_ts($1)
                 AND (recipient <> '' OR params <> '{}')
               ORDER BY sent_at LIMIT $2
               FOR UPDATE SKIP LOCKED)
  RETURNING 1)
SELECT count(*) FROM done
