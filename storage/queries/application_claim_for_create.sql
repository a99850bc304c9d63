-- The first statement of a create, in one round trip: claims the request's
-- idempotency key, recording the id the new application will have, and reads
-- the round as the applicant's create needs it. $1 actor, $2 request id,
-- $3 method, $4 payload hash (hex), $5 the new application's id (as
-- idempotency_claim.sql); $6 round, $7 organisation.
-- Column 0: whether the key was claimed (false: an earlier request holds it,
-- read with idempotency_get.sql). Then 21 columns, all NULL when there is no
-- such round: the round (columns as round_get.sql), its programme's priority
-- communities, the closing instant of the organisation's extension, if it
-- has one, and the organisation's language for correspondence (NULL: not
-- registered).
WITH claim AS (
  INSERT INTO idempotency_keys (actor, request_id, method, payload_hash, entity_id)
  VALUES ($1, $2, $3, decode($4, 'hex'), NULLIF($5, ''))
  ON CONFLICT ON CONSTRAINT idempotency_keys_pkey DO NOTHING
  RETURNING 1
)
SELECT EXISTS (SELECT FROM claim), v.*
FROM (VALUES (1)) AS one
LEFT JOIN (
  SELECT r.id, r.programme_id, p.code, r.number, r.state, ts_to_micros(r.opens_at),
         ts_to_micros(r.closes_at), r.currency, r.budget_minor, r.min_grant_minor,
         r.max_grant_minor, r.cancel_reason, ts_to_micros(r.created_at),
         ts_to_micros(r.updated_at), r.name, p.fund_id,
         r.eligibility::text, r.questions::text,
         p.priority_communities, ts_to_micros(e.closes_at),
         o.correspondence_language
  FROM rounds AS r
  JOIN programmes AS p ON p.id = r.programme_id
  LEFT JOIN extensions AS e ON e.round_id = r.id AND e.organisation_id = $7
  LEFT JOIN organisations AS o ON o.id = $7
  WHERE r.id = $6
) AS v ON true
