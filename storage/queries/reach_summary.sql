-- One scope and period: the totals ('' dimension) and the groups of one
-- dimension, by the primary key.
SELECT dimension, code, supported, reached, reports
FROM reach_totals
WHERE scope = $1 AND scope_id = $2 AND period = $3 AND dimension IN ('', $4)
ORDER BY dimension, supported DESC, code
