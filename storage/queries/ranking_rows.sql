-- The round's submitted applications (with their latest submission's time),
-- each with the effective scores that count: those of reviewers without a
-- declared conflict with the application or its organisation, whenever it
-- was declared. One statement, so one snapshot. An application nobody has
-- scored yet comes once, with NULL score columns.
SELECT a.id::text, coalesce(a.reference, ''), a.organisation_id,
       ts_to_micros(sub.submitted_at), s.reviewer, s.criterion_code,
       coalesce(s.moderated_value, s.value)
FROM applications AS a
JOIN application_submissions AS sub
  ON sub.application_id = a.id AND sub.version = a.submission_version
LEFT JOIN scores AS s
  ON s.application_id = a.id
 AND NOT EXISTS (SELECT 1 FROM conflict_declarations AS d
                 WHERE d.reviewer = s.reviewer
                   AND (d.application_id = a.id
                        OR d.organisation_id = a.organisation_id))
WHERE a.round_id = $1 AND a.state = 'submitted'
ORDER BY a.id
