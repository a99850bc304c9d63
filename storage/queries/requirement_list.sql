-- $1 award ('' any), $2 organisation ('' any), $3 status ('' any, due,
-- overdue, returned, submitted, accepted) on London date $4.
SELECT q.id, q.award_id, a.organisation_id, q.number, q.kind, q.basis, q.days_after,
       q.due_date::text, coalesce(l.id::text, ''), coalesce(l.state, ''), coalesce(l.version, 0)
FROM report_requirements AS q
JOIN awards AS a ON a.id = q.award_id
LEFT JOIN LATERAL (
  SELECT r.id, r.state, r.version FROM reports AS r
  WHERE r.requirement_id = q.id ORDER BY r.version DESC LIMIT 1
) AS l ON true
WHERE ($1 = '' OR q.award_id = NULLIF($1, '')::uuid)
  AND ($2 = '' OR a.organisation_id = $2)
  AND ($3 = ''
       OR ($3 = 'overdue' AND coalesce(l.state, 'returned') = 'returned' AND q.due_date < NULLIF($4, '')::date)
       OR ($3 = 'due' AND l.state IS NULL AND q.due_date >= NULLIF($4, '')::date)
       OR ($3 = 'returned' AND l.state = 'returned' AND q.due_date >= NULLIF($4, '')::date)
       OR ($3 IN ('submitted', 'accepted') AND l.state = $3))
ORDER BY q.due_date, q.award_id, q.number
LIMIT $5 OFFSET $6
