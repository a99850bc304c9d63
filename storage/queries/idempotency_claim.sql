INSERT INTO idempotency_keys (actor, request_id, method, payload_hash)
VALUES ($1, $2, $3, decode($4, 'hex'))
ON CONFLICT ON CONSTRAINT idempotency_keys_pkey DO NOTHING
RETURNING 1
