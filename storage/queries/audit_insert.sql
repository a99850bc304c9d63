INSERT INTO audit_events (occurred_at, actor, role, action, entity_type,
                          entity_id, request_id, peer, summary, mac)
VALUES (micros_to_ts($1), $2, $3, $4, $5, $6, $7, $8, $9, decode($10, 'hex'))
