SELECT id, ts_to_micros(occurred_at), actor, role, action, entity_type,
       entity_id, request_id, peer, summary, encode(mac, 'hex'),
       coalesce(seq, 0), encode(coalesce(chain_hash, ''::bytea), 'hex')
FROM audit_events
WHERE ($1 = '' OR entity_type = $1)
  AND ($2 = '' OR entity_id = $2)
  AND ($3 = '' OR actor = $3)
  AND ($4::bigint IS NULL OR occurred_at >= micros_to_ts($4::bigint))
  AND ($5::bigint IS NULL OR occurred_at < micros_to_ts($5::bigint))
  AND ($6::bigint = 0 OR id < $6::bigint)
ORDER BY id DESC
LIMIT $7
