-- Benchmarks only: $3 approved applications in round $1, one for each of
-- the organisations $2 || 1 .. $2 || $3 (seeded before), each left as a
-- submission, a recommendation and a decision would leave it: version 1
-- submitted (eligible) with a tracking reference from the round's sequence,
-- serving one to three London boroughs and one or two of the programme's
-- priority communities (at least one), varying with the organisation,
-- recommended for approval of $4 by bench-officer-a (an officer) and
-- approved by bench-officer-b. Returns the applications' ids.
WITH seeded AS (
  SELECT g, next_round_reference(r.id) AS n, r.id AS round_id, r.currency,
         p.code || '-R' || r.number AS round_ref,
         ARRAY(SELECT 'E09' || lpad((1 + (g * 7 + 11 * k) % 33)::text, 6, '0')
               FROM generate_series(0, g % 3) AS k) AS boroughs,
         ARRAY(SELECT p.priority_communities[1 + (g + k) % cardinality(p.priority_communities)]
               FROM generate_series(0, least(g % 2, cardinality(p.priority_communities) - 1))
                    AS k) AS communities
  FROM rounds AS r
  JOIN programmes AS p ON p.id = r.programme_id,
       generate_series(1, $3::integer) AS g
  WHERE r.id = $1
),
apps AS (
  INSERT INTO applications (round_id, organisation_id, state, reference,
                            content, amount_minor, boroughs, communities,
                            eligibility, submission_version, created_at,
                            updated_at)
  SELECT s.round_id, $2::text || s.g, 'approved',
         s.round_ref || '-' || lpad(s.n::text, greatest(4, length(s.n::text)), '0'),
         jsonb_build_object(
           'amount_requested', m.amount,
           'project_summary', 'Drop-in sessions helping Roma families apply to EUSS.',
           'target_communities', to_jsonb(s.communities),
           'boroughs_served', to_jsonb(s.boroughs),
           'languages', jsonb_build_array('ro'),
           'planned_reach', jsonb_build_object('people_supported_directly', '40'),
           'budget_lines', jsonb_build_array(jsonb_build_object(
             'description', 'Sessional workers', 'amount', m.amount))),
         $4::bigint, s.boroughs, s.communities, 'eligible', 1,
         now() - interval '50 minutes', now()
  FROM seeded AS s,
       LATERAL (SELECT jsonb_build_object('currency_code', s.currency,
                                          'minor_units', $4::bigint::text)
                AS amount) AS m
  RETURNING id, content, created_at
),
submitted AS (
  INSERT INTO application_submissions (application_id, version, submitted_at,
                                       content, eligibility, failed_rules)
  SELECT id, 1, created_at, content, 'eligible', '[]' FROM apps
),
recommended AS (
  INSERT INTO recommendations (application_id, outcome, amount_minor,
                               submission_version, recommended_by,
                               recommender_role, recommended_at)
  SELECT id, 'approve', $4::bigint, 1, 'bench-officer-a', 'officer',
         now() - interval '20 minutes'
  FROM apps
  RETURNING id, application_id
)
INSERT INTO decisions (application_id, recommendation_id, outcome,
                       approved_minor, recommended_by, decided_by, decided_at)
SELECT application_id, id, 'approve', $4::bigint, 'bench-officer-a',
       'bench-officer-b', now() - interval '10 minutes'
FROM recommended
RETURNING application_id
