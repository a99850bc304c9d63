SELECT id, ts_to_micros(occurred_at), actor, role, action, entity_type,
       entity_id, request_id, peer, summary, encode(mac, 'hex'), seq,
       encode(chain_hash, 'hex')
FROM audit_events
WHERE seq > $1
ORDER BY seq
LIMIT $2
