-- Up to $2 idempotency keys first used before $1, deleted; how many.
WITH due AS (
  SELECT actor, request_id FROM idempotency_keys
  WHERE created_at < micros_to_ts($1)
  ORDER BY created_at LIMIT $2
  FOR UPDATE SKIP LOCKED),
done AS (
  DELETE FROM idempotency_keys AS k USING due
  WHERE k.actor = due.actor AND k.request_id = due.request_id
  RETURNING 1)
SELECT count(*) FROM done
