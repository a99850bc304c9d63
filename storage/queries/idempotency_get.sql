SELECT method, encode(payload_hash, 'hex'), coalesce(entity_id, '')
FROM idempotency_keys
WHERE actor = $1 AND request_id = $2
