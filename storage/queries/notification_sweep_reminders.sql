-- Reminders of reports not yet submitted (or returned) for running awards,
-- on London date $1: due soon (the 7 days before), due today, overdue (from
-- the day after), each once per requirement.
INSERT INTO notifications (dedupe_key, kind, organisation_id, recipient, language, params,
                           created_at)
SELECT 'reminder:' || q.id || ':' || s.kind, s.kind, o.id,
       coalesce(o.contacts -> 0 ->> 'email', ''), o.correspondence_language,
       jsonb_build_object('requirement_id', q.id, 'award_id', a.id,
                          'report_kind', q.kind, 'due_date', q.due_date::text),
       micros_to_ts($2)
FROM report_requirements AS q
JOIN awards AS a ON a.id = q.award_id AND a.state IN ('accepted', 'active')
JOIN organisations AS o ON o.id = a.organisation_id
LEFT JOIN LATERAL (
  SELECT r.state FROM reports AS r WHERE r.requirement_id = q.id
  ORDER BY r.version DESC LIMIT 1) AS l ON true
CROSS JOIN LATERAL (
  SELECT 'report_due_soon' AS kind
  WHERE $1::date >= q.due_date - 7 AND $1::date < q.due_date
  UNION ALL SELECT 'report_due_today' WHERE $1::date = q.due_date
  UNION ALL SELECT 'report_overdue' WHERE $1::date > q.due_date) AS s
WHERE coalesce(l.state, 'returned') = 'returned'
  AND q.due_date BETWEEN $1::date - 366 AND $1::date + 7
ORDER BY q.due_date, q.id
ON CONFLICT ON CONSTRAINT notifications_dedupe_unique DO NOTHING
RETURNING id
