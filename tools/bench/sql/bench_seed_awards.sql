-- Benchmarks only: for each approved application $2 of round $1, what
-- offering and accepting an award would leave: an award of the approved
-- amount, planned from $3 for $4 months, in the state ('accepted', 'active'
-- or 'terminated') that $5 names at its position (cycling), split over the
-- fund's funders pro rata to their contributions (largest remainder, as
-- SplitProRata) and committed on the round's commitment row. A terminated
-- award gave its unpaid half back to the budget. No audit events. Returns
-- the awards' ids.
WITH src AS MATERIALIZED (
  SELECT ap.id AS application_id, ap.organisation_id, d.approved_minor AS amount,
         r.id AS round_id, r.currency, p.fund_id,
         ($5::text[])[1 + (u.i - 1) % cardinality($5::text[])] AS state
  FROM unnest($2::uuid[]) WITH ORDINALITY AS u (id, i)
  JOIN applications AS ap ON ap.id = u.id AND ap.round_id = $1
  JOIN decisions AS d ON d.application_id = ap.id AND d.outcome = 'approve'
  JOIN rounds AS r ON r.id = ap.round_id
  JOIN programmes AS p ON p.id = r.programme_id
),
aw AS (
  INSERT INTO awards (application_id, round_id, organisation_id, fund_id, currency,
                      amount_minor, state, expires_at, offered_by, offered_at,
                      responded_by, responded_at, updated_at, start_date, end_date,
                      terminated_by, terminated_at, termination_reason, released_minor)
  SELECT application_id, round_id, organisation_id, fund_id, currency, amount, state,
         now() + interval '13 days', 'bench-officer', now() - interval '1 day',
         'bench-' || organisation_id, now() - interval '12 hours', now() - interval '12 hours',
         $3::date, ($3::date + make_interval(months => $4::integer) - interval '1 day')::date,
         CASE WHEN state = 'terminated' THEN 'bench-officer' ELSE '' END,
         CASE WHEN state = 'terminated' THEN now() - interval '1 hour' END,
         CASE WHEN state = 'terminated' THEN 'The group wound up.' ELSE '' END,
         CASE WHEN state = 'terminated' THEN amount - amount / 2 ELSE 0 END
  FROM src
  RETURNING id, amount_minor, released_minor
),
funders AS MATERIALIZED (
  SELECT funder_id, sum(amount_minor)::numeric AS weight,
         row_number() OVER (ORDER BY min(created_at), funder_id) AS k
  FROM contributions
  WHERE fund_id = (SELECT p.fund_id FROM rounds AS r JOIN programmes AS p
                   ON p.id = r.programme_id WHERE r.id = $1)
  GROUP BY funder_id
),
floors AS (
  SELECT a.id AS award_id, a.amount_minor, f.funder_id, f.k,
         floor(a.amount_minor * f.weight / t.total)::bigint AS part,
         (a.amount_minor * f.weight) % t.total AS remainder
  FROM aw AS a CROSS JOIN funders AS f
  CROSS JOIN (SELECT sum(weight) AS total FROM funders) AS t
),
split AS (
  SELECT award_id, funder_id,
         part + CASE WHEN row_number() OVER (PARTITION BY award_id ORDER BY remainder DESC, k)
                          <= amount_minor - sum(part) OVER (PARTITION BY award_id)
                     THEN 1 ELSE 0 END AS amount
  FROM floors
),
shares AS (
  INSERT INTO award_shares (award_id, funder_id, amount_minor)
  SELECT award_id, funder_id, amount FROM split
),
committed AS (
  INSERT INTO round_commitments AS c (round_id, budget_minor, committed_minor)
  SELECT id, budget_minor,
         (SELECT coalesce(sum(amount_minor - released_minor), 0) FROM aw)
  FROM rounds WHERE id = $1
  ON CONFLICT (round_id) DO UPDATE SET committed_minor = c.committed_minor + EXCLUDED.committed_minor
)
SELECT id FROM aw
