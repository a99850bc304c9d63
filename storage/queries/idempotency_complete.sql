UPDATE idempotency_keys SET entity_id = $3 WHERE actor = $1 AND request_id = $2
