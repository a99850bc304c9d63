-- Reminders of recoveries still owed, on London date $1: due soon (the 7
-- days up to its due date), overdue (from the day after), each once per
-- recovery. The amount is what is still owed when the reminder is queued.
INSERT INTO notifications (dedupe_key, kind, organisation_id, recipient, language, params,
                           created_at)
SELECT 'reminder:' || r.id || ':' || s.kind, s.kind, o.id,
       coalesce(o.contacts -> 0 ->> 'email', ''), o.correspondence_language,
       jsonb_build_object('recovery_id', r.id, 'award_id', a.id,
                          'due_date', r.due_date::text,
                          'amount', r.currency || ' ' ||
                            to_char((r.amount_minor - r.received_minor) / 100.0,
                                    'FM999,999,999,990.00')),
       micros_to_ts($2)
FROM recoveries AS r
JOIN awards AS a ON a.id = r.award_id
JOIN organisations AS o ON o.id = a.organisation_id
CROSS JOIN LATERAL (
  SELECT 'recovery_due_soon' AS kind
  WHERE $1::date >= r.due_date - 7 AND $1::date <= r.due_date
  UNION ALL SELECT 'recovery_overdue' WHERE $1::date > r.due_date) AS s
WHERE r.state = 'raised'
  AND r.due_date BETWEEN $1::date - 366 AND $1::date + 7
ORDER BY r.due_date, r.id
ON CONFLICT ON CONSTRAINT notifications_dedupe_unique DO NOTHING
RETURNING id
