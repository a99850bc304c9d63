-- Benchmarks only: adds the accepted reports of the awards $1 to the reach
-- totals as accepting each of them would have (reach_add_report): the same
-- expansion, report_reach_rows, summed per group in one statement, in key
-- order.
INSERT INTO reach_totals AS t (scope, scope_id, period, dimension, code, supported, reached,
                               reports)
SELECT scope, scope_id, period, dimension, code, sum(supported), sum(reached), count(*)
FROM report_reach_rows
WHERE report_id IN (SELECT r.id FROM unnest($1::uuid[]) AS u (id)
                    JOIN reports AS r ON r.award_id = u.id)
GROUP BY scope, scope_id, period, dimension, code
ORDER BY scope, scope_id, period, dimension, code
ON CONFLICT ON CONSTRAINT reach_totals_pkey DO UPDATE
SET supported = t.supported + EXCLUDED.supported,
    reached = t.reached + EXCLUDED.reached,
    reports = t.reports + EXCLUDED.reports
