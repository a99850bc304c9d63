-- Benchmarks only: what reach_summary reads from reach_totals, computed
-- instead from the accepted reports at the time of asking (the plain
-- GROUP BY that the maintained table saves): one scope and period, the
-- totals ('' dimension) and the groups of one dimension.
SELECT dimension, code, sum(supported)::bigint, sum(reached)::bigint, count(*)
FROM report_reach_rows
WHERE scope = $1 AND scope_id = $2 AND period = $3 AND dimension IN ('', $4)
GROUP BY dimension, code
ORDER BY dimension, 3 DESC, code
