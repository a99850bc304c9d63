-- What needs an officer at $1 (the server's clock; $2 its London date):
-- submissions awaiting a decision, offers expiring within 3 days, reports
-- overdue for running awards, and unresolved reconciliation items. Opaque
-- references only: no names, no free text.
SELECT kind, ref, detail FROM (
  SELECT 'submission' AS kind, coalesce(p.reference, p.id::text) AS ref,
         to_char(p.updated_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS detail
  FROM applications AS p WHERE p.state = 'submitted'
  UNION ALL
  SELECT 'offer_expiring', coalesce(p.reference, a.id::text),
         to_char(a.expires_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD HH24:MI')
  FROM awards AS a JOIN applications AS p ON p.id = a.application_id
  WHERE a.state = 'offered' AND a.expires_at > micros_to_ts($1)
    AND a.expires_at <= micros_to_ts($1) + interval '3 days'
  UNION ALL
  SELECT 'report_overdue', coalesce(p.reference, a.id::text), q.kind || ' ' || q.due_date::text
  FROM report_requirements AS q
  JOIN awards AS a ON a.id = q.award_id AND a.state IN ('accepted', 'active')
  JOIN applications AS p ON p.id = a.application_id
  LEFT JOIN LATERAL (
    SELECT r.state FROM reports AS r WHERE r.requirement_id = q.id
    ORDER BY r.version DESC LIMIT 1) AS l ON true
  WHERE q.due_date < $2::date AND coalesce(l.state, 'returned') = 'returned'
  UNION ALL
  SELECT 'reconciliation', i.instruction_id, i.reason
  FROM reconciliation_items AS i WHERE NOT i.resolved) AS items
ORDER BY kind, ref, detail
