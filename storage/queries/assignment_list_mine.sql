-- A reviewer's assignments, without those they declared a conflict with.
SELECT ra.application_id, ra.round_id, coalesce(a.reference, ''), ra.reviewer,
       ra.assigned_by, ts_to_micros(ra.assigned_at),
       EXISTS (SELECT 1 FROM scores AS s
               WHERE s.application_id = ra.application_id
                 AND s.reviewer = ra.reviewer)
FROM review_assignments AS ra
JOIN applications AS a ON a.id = ra.application_id
WHERE ra.reviewer = $1
  AND ($2 = '' OR ra.round_id = NULLIF($2, '')::uuid)
  AND NOT EXISTS (SELECT 1 FROM conflict_declarations AS d
                  WHERE d.reviewer = ra.reviewer
                    AND (d.application_id = a.id
                         OR d.organisation_id = a.organisation_id))
ORDER BY ra.assigned_at, ra.application_id
