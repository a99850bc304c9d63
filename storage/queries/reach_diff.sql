-- Every group whose maintained figures differ from a recomputation over the
-- accepted reports.
WITH recomputed AS (
  SELECT scope, scope_id, period, dimension, code, sum(supported) AS supported,
         sum(reached) AS reached, count(*) AS reports
  FROM report_reach_rows
  GROUP BY scope, scope_id, period, dimension, code
)
SELECT coalesce(t.scope, c.scope), coalesce(t.scope_id, c.scope_id),
       coalesce(t.period, c.period), coalesce(t.dimension, c.dimension),
       coalesce(t.code, c.code), coalesce(t.supported, 0), coalesce(c.supported, 0),
       coalesce(t.reached, 0), coalesce(c.reached, 0)
FROM reach_totals AS t
FULL JOIN recomputed AS c
  ON (c.scope, c.scope_id, c.period, c.dimension, c.code) =
     (t.scope, t.scope_id, t.period, t.dimension, t.code)
WHERE t.supported IS DISTINCT FROM c.supported OR t.reached IS DISTINCT FROM c.reached
   OR t.reports IS DISTINCT FROM c.reports
ORDER BY 1, 2, 3, 4, 5
LIMIT 1000
