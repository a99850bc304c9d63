INSERT INTO idempotency_keys (actor, request_id, method, payload_hash, entity_id)
VALUES ($1, $2, $3, decode($4, 'hex'), NULLIF($5, ''))
ON CONFLICT ON CONSTRAINT idempotency_keys_pkey DO NOTHING
RETURNING 1
