SELECT ra.application_id, ra.round_id, coalesce(a.reference, ''), ra.reviewer,
       ra.assigned_by, ts_to_micros(ra.assigned_at),
       EXISTS (SELECT 1 FROM scores AS s
               WHERE s.application_id = ra.application_id
                 AND s.reviewer = ra.reviewer)
FROM review_assignments AS ra
JOIN applications AS a ON a.id = ra.application_id
WHERE ra.application_id = $1
ORDER BY ra.assigned_at, ra.reviewer
