-- A new draft application and the audit event of its creation, in one round
-- trip. The caller chooses the id ($1), so the event, whose MAC covers it,
-- can be written in the same statement. $2 round, $3 organisation,
-- $4 content, $5 amount, $6 boroughs, $7 communities, $8 now (micros);
-- $9..$18 the event, as audit_insert.sql's $1..$10.
WITH a AS (
  INSERT INTO applications AS a (id, round_id, organisation_id, state, content,
                                 amount_minor, boroughs, communities, created_at,
                                 updated_at)
  VALUES ($1::uuid, $2::uuid, $3, 'draft', $4::jsonb, $5, $6::text[], $7::text[],
          micros_to_ts($8), micros_to_ts($8))
  RETURNING a.id, a.round_id, a.organisation_id, coalesce(a.reference, ''), a.state,
         a.content::text, a.eligibility, a.submission_version, a.returned_count,
         a.return_comment, a.withdraw_reason, ts_to_micros(a.created_at),
         ts_to_micros(a.updated_at)
), e AS (
  INSERT INTO audit_events (occurred_at, actor, role, action, entity_type,
                            entity_id, request_id, peer, summary, mac)
  VALUES (micros_to_ts($9), $10, $11, $12, $13, $14, $15, $16, $17,
          decode($18, 'hex'))
)
SELECT * FROM a
