SELECT count(*)
FROM awards AS a JOIN rounds AS r ON r.id = a.round_id
WHERE a.state IN ('accepted', 'active', 'terminated', 'completed')
  AND ($1 = '' OR r.programme_id = NULLIF($1, '')::uuid)
