SELECT id, ts_to_micros(occurred_at), actor, role, action, entity_type,
       entity_id, request_id, peer, summary, encode(mac, 'hex'), 0, ''
FROM audit_events
WHERE seq IS NULL
ORDER BY id
LIMIT $1
