-- A programme's releases ($2: only this quarter when set), oldest first.
SELECT id, programme_id, quarter, reports, withheld, released_by, ts_to_micros(released_at)
FROM reach_releases
WHERE programme_id = $1::uuid AND ($2 = '' OR quarter = $2)
ORDER BY quarter
