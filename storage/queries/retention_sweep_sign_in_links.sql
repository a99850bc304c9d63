-- Up to $2 sign-in links that expired before $1, deleted; how many.
WITH done AS (
  DELETE FROM sign_in_links
  WHERE id IN (SELECT id FROM sign_in_links
               WHERE expires_at < micros_to_ts($1)
               ORDER BY expires_at LIMIT $2
               FOR UPDATE SKIP LOCKED)
  RETURNING 1)
SELECT count(*) FROM done
