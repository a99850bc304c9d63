SELECT r.id, r.requirement_id, r.award_id, r.organisation_id, q.kind, r.version, r.state,
       r.content::text, r.submitted_by, ts_to_micros(r.submitted_at), r.reviewed_by,
       ts_to_micros(r.reviewed_at), r.review_comment
FROM reports AS r JOIN report_requirements AS q ON q.id = r.requirement_id
WHERE ($1 = '' OR r.award_id = NULLIF($1, '')::uuid)
  AND ($2 = '' OR r.requirement_id = NULLIF($2, '')::uuid)
  AND ($3 = '' OR r.state = $3)
  AND ($4 = '' OR r.organisation_id = $4)
ORDER BY r.submitted_at DESC, r.id
LIMIT $5 OFFSET $6
