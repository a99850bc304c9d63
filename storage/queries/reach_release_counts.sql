-- What a release of programme $1 freezes: the reports accepted from $2 to
-- before $3 (microseconds), as the totals ('' dimension and code) and each
-- dimension's groups, with the number of reports. An accepted report never
-- changes, and the quarter has ended, so the answer never changes either.
WITH released AS (
  SELECT r.id, r.people_supported, r.people_reached
  FROM reports AS r
  JOIN awards AS a ON a.id = r.award_id
  JOIN rounds AS rd ON rd.id = a.round_id
  WHERE rd.programme_id = $1::uuid AND r.state = 'accepted'
    AND r.reviewed_at >= micros_to_ts($2) AND r.reviewed_at < micros_to_ts($3)
)
SELECT '' AS dimension, '' AS code, coalesce(sum(people_supported), 0)::bigint,
       coalesce(sum(people_reached), 0)::bigint, count(*)
FROM released
UNION ALL
SELECT d.dimension, d.code, sum(d.supported)::bigint, sum(d.reached)::bigint, count(*)
FROM released JOIN report_breakdowns AS d ON d.report_id = released.id
GROUP BY d.dimension, d.code
ORDER BY 1, 2
