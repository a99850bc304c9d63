-- Benchmarks only: for each accepted award $1, what setting requirements,
-- reporting and accepting the reports would leave: $3 quarterly
-- requirements from the quarter starting $2 (the last one final); and for
-- each an accepted report of its quarter, whose breakdowns by community (of
-- the programme's priority communities), borough, language and age band
-- never pass its totals, with the funders of the award's positive shares.
-- No audit events; the reach totals are bench_seed_reach's. Returns the
-- awards' ids.
WITH aw AS MATERIALIZED (
  SELECT a.id, a.organisation_id, a.amount_minor, a.currency,
         p.priority_communities AS communities
  FROM unnest($1::uuid[]) AS u (id)
  JOIN awards AS a ON a.id = u.id
  JOIN rounds AS r ON r.id = a.round_id
  JOIN programmes AS p ON p.id = r.programme_id
),
requirements AS (
  INSERT INTO report_requirements (award_id, number, kind, basis, days_after, due_date,
                                   created_by, created_at)
  SELECT a.id, q, CASE WHEN q = $3 THEN 'final' ELSE 'interim' END, 'fixed_date', 0,
         ($2::date + make_interval(months => 3 * q, days => 30) - interval '1 day')::date,
         'bench-officer', now() - interval '11 hours'
  FROM aw AS a, generate_series(1, $3::integer) AS q
  RETURNING id, award_id, number
),
-- One row per report with its totals, drawn once; an organisation keeps its
-- communities, boroughs and languages from quarter to quarter.
totals AS MATERIALIZED (
  SELECT q.id AS requirement_id, q.award_id, a.organisation_id, a.currency, a.communities,
         ($2::date + make_interval(months => 3 * (q.number - 1)))::date AS period_start,
         ($2::date + make_interval(months => 3 * q.number) - interval '1 day')::date
           AS period_end,
         a.amount_minor * q.number / $3::integer AS spend, o.*, n.*
  FROM requirements AS q
  JOIN aw AS a ON a.id = q.award_id
  CROSS JOIN LATERAL (
    SELECT h % 7 AS c0, 1 + h / 7 % 2 AS kc, h / 14 % 33 AS b0, 1 + h / 462 % 3 AS kb,
           h / 1386 % 6 AS l0, 1 + h / 8316 % 3 AS kl
    FROM (SELECT hashtext(a.id::text)::bigint & 2147483647 AS h) AS x) AS o
  CROSS JOIN LATERAL (
    SELECT 12 + (random() * 60)::int AS supported, 40 + (random() * 500)::int AS reached,
           3 + (random() * 15)::int AS sessions
    WHERE q.id IS NOT NULL) AS n
),
parts AS MATERIALIZED (
  SELECT t.requirement_id, b.ord, b.dimension, b.code,
         t.supported * b.pct / 100 AS supported, t.reached * b.pct / 100 AS reached
  FROM totals AS t
  CROSS JOIN LATERAL (
    SELECT i, 'community', t.communities[1 + (t.c0 + i) % cardinality(t.communities)],
           ('{{90,0,0},{55,35,0},{50,30,15}}'::int[])[t.kc][i + 1]
    FROM generate_series(0, t.kc - 1) AS i
    UNION ALL
    SELECT 10 + i, 'borough', 'E09' || lpad((1 + (t.b0 + i) % 33)::text, 6, '0'),
           ('{{95,0,0},{60,35,0},{45,30,20}}'::int[])[t.kb][i + 1]
    FROM generate_series(0, t.kb - 1) AS i
    UNION ALL
    SELECT 20 + i, 'language', ('{en,pl,ro,bg,pt,rom}'::text[])[1 + (t.l0 + i) % 6],
           ('{{80,0,0},{50,40,0},{40,35,20}}'::int[])[t.kl][i + 1]
    FROM generate_series(0, t.kl - 1) AS i
    UNION ALL
    SELECT 30 + i, 'age_band',
           ('{under_16,16_to_24,25_to_64,65_and_over,not_known}'::text[])[i + 1],
           ('{12,18,52,10,8}'::int[])[i + 1]
    FROM generate_series(0, 4) AS i
  ) AS b (ord, dimension, code, pct)
),
-- The breakdowns as grants.v1.ReportContent JSON (proto field names,
-- int64 as strings, zeros left out).
parts_json AS (
  SELECT requirement_id,
         jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
           'dimension', 'DIMENSION_' || upper(dimension), 'code', code,
           'people_supported_directly', nullif(supported, 0)::text,
           'people_reached_with_information', nullif(reached, 0)::text)) ORDER BY ord)
           AS breakdowns
  FROM parts GROUP BY requirement_id
),
funder_ids AS (
  SELECT award_id, array_agg(funder_id ORDER BY funder_id) AS ids
  FROM award_shares
  WHERE award_id IN (SELECT id FROM aw) AND amount_minor > 0
  GROUP BY award_id
),
reports_in AS (
  INSERT INTO reports (requirement_id, award_id, organisation_id, version, state,
                       period_start, period_end, people_supported, people_reached,
                       content, submitted_by, submitted_at, reviewed_by, reviewed_at,
                       review_comment, funder_ids)
  SELECT t.requirement_id, t.award_id, t.organisation_id, 1, 'accepted', t.period_start,
         t.period_end, t.supported, t.reached,
         jsonb_strip_nulls(jsonb_build_object(
           'period_start', t.period_start::text, 'period_end', t.period_end::text,
           'activities', 'Weekly drop-in advice sessions and outreach at community venues.',
           'sessions_held', nullif(t.sessions, 0)::text,
           'people_supported_directly', nullif(t.supported, 0)::text,
           'people_reached_with_information', nullif(t.reached, 0)::text,
           'applications_assisted', nullif(t.supported * 3 / 5, 0)::text,
           'breakdowns', j.breakdowns,
           'spend_to_date', jsonb_strip_nulls(jsonb_build_object(
             'currency_code', t.currency, 'minor_units', nullif(t.spend, 0)::text)),
           'story', 'A family who had missed the deadline now has settled status.')),
         'bench-' || t.organisation_id, t.period_end + interval '10 days', 'bench-officer',
         t.period_end + interval '15 days', '', f.ids
  FROM totals AS t
  JOIN parts_json AS j USING (requirement_id)
  JOIN funder_ids AS f USING (award_id)
  RETURNING id, requirement_id
),
breakdowns AS (
  INSERT INTO report_breakdowns (report_id, dimension, code, supported, reached)
  SELECT r.id, p.dimension, p.code, p.supported, p.reached
  FROM reports_in AS r JOIN parts AS p USING (requirement_id)
)
SELECT id FROM aw
