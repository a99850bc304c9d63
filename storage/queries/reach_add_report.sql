-- Adds an accepted report's rows to the reach totals, in key order (so two
-- acceptances lock shared rows in the same order).
INSERT INTO reach_totals AS t (scope, scope_id, period, dimension, code, supported, reached,
                               reports)
SELECT scope, scope_id, period, dimension, code, supported, reached, 1
FROM report_reach_rows WHERE report_id = $1
ORDER BY scope, scope_id, period, dimension, code
ON CONFLICT ON CONSTRAINT reach_totals_pkey DO UPDATE
SET supported = t.supported + EXCLUDED.supported,
    reached = t.reached + EXCLUDED.reached,
    reports = t.reports + 1
