-- Committed events not yet sealed: those unsealed by migration 0017 first,
-- in their old chain order, then the rest in insertion order.
SELECT id, ts_to_micros(occurred_at), actor, role, action, entity_type,
       entity_id, request_id, peer, summary, encode(mac, 'hex'), 0, ''
FROM audit_events
WHERE seq IS NULL
ORDER BY legacy_seq, id
LIMIT $1
