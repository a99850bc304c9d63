-- The first statement of a change of application $5, in one round trip:
-- claims the request's idempotency key with the application's id ($1 actor,
-- $2 request id, $3 method, $4 payload hash in hex, as idempotency_claim.sql)
-- and, only when the key was new, locks the application and reads its round
-- as the application's organisation sees it. The lock's CTE reads the claim,
-- so the key is always claimed before the row is locked (as when they were
-- two statements): two requests with one key never each hold what the other
-- waits for.
-- Columns: whether the key was claimed (false: an earlier request holds it,
-- read with idempotency_get.sql); application_get.sql's 13 columns; then
-- application_claim_for_create.sql's 21 round columns. NULL when the key was
-- taken or there is no such application.
WITH claim AS (
  INSERT INTO idempotency_keys (actor, request_id, method, payload_hash, entity_id)
  VALUES ($1, $2, $3, decode($4, 'hex'), $5)
  ON CONFLICT ON CONSTRAINT idempotency_keys_pkey DO NOTHING
  RETURNING 1
), a AS (
  SELECT a.id, a.round_id, a.organisation_id, coalesce(a.reference, '') AS reference,
         a.state, a.content::text AS content, a.eligibility, a.submission_version,
         a.returned_count, a.return_comment, a.withdraw_reason,
         ts_to_micros(a.created_at) AS created_at,
         ts_to_micros(a.updated_at) AS updated_at
  FROM applications AS a
  WHERE a.id = $5::uuid AND EXISTS (SELECT FROM claim)
  FOR NO KEY UPDATE
)
SELECT EXISTS (SELECT FROM claim),
       a.id, a.round_id, a.organisation_id, a.reference, a.state, a.content,
       a.eligibility, a.submission_version, a.returned_count, a.return_comment,
       a.withdraw_reason, a.created_at, a.updated_at,
       r.id, r.programme_id, p.code, r.number, r.state, ts_to_micros(r.opens_at),
       ts_to_micros(r.closes_at), r.currency, r.budget_minor, r.min_grant_minor,
       r.max_grant_minor, r.cancel_reason, ts_to_micros(r.created_at),
       ts_to_micros(r.updated_at), r.name, p.fund_id,
       r.eligibility::text, r.questions::text,
       p.priority_communities, ts_to_micros(e.closes_at),
       o.correspondence_language
FROM (VALUES (1)) AS one
LEFT JOIN a ON true
LEFT JOIN rounds AS r ON r.id = a.round_id
LEFT JOIN programmes AS p ON p.id = r.programme_id
LEFT JOIN extensions AS e
  ON e.round_id = a.round_id AND e.organisation_id = a.organisation_id
LEFT JOIN organisations AS o ON o.id = a.organisation_id
