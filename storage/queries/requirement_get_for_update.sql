-- The requirement, locked: reports for it are submitted one at a time.
SELECT q.id, q.award_id, a.organisation_id, q.number, q.kind, q.basis, q.days_after,
       q.due_date::text, coalesce(l.id::text, ''), coalesce(l.state, ''), coalesce(l.version, 0)
FROM report_requirements AS q
JOIN awards AS a ON a.id = q.award_id
LEFT JOIN LATERAL (
  SELECT r.id, r.state, r.version FROM reports AS r
  WHERE r.requirement_id = q.id ORDER BY r.version DESC LIMIT 1
) AS l ON true
WHERE q.id = $1
FOR NO KEY UPDATE OF q
