SELECT r.id, r.requirement_id, r.award_id, r.organisation_id, q.kind, r.version, r.state,
       r.content::text, r.submitted_by, ts_to_micros(r.submitted_at), r.reviewed_by,
       ts_to_micros(r.reviewed_at), r.review_comment
FROM reports AS r JOIN report_requirements AS q ON q.id = r.requirement_id
WHERE r.id = $1
