-- The figures of a programme's releases ($2: only this quarter when set):
-- the totals and the groups of dimension $3.
SELECT r.quarter, f.measure, f.dimension, f.code, f.value, f.suppression
FROM reach_releases AS r
JOIN reach_release_figures AS f ON f.release_id = r.id
WHERE r.programme_id = $1::uuid AND ($2 = '' OR r.quarter = $2) AND f.dimension IN ('', $3)
ORDER BY r.quarter, f.measure, f.dimension, f.code
