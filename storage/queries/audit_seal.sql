UPDATE audit_events AS a
SET seq = u.seq, chain_hash = decode(u.hash, 'hex')
FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS u (id, seq, hash)
WHERE a.id = u.id
