WITH r AS (
  INSERT INTO reports (requirement_id, award_id, organisation_id, version, period_start,
                       period_end, people_supported, people_reached, content, submitted_by,
                       submitted_at)
  VALUES ($1, $2, $3, $4, $5::date, $6::date, $7, $8, $9::jsonb, $10, micros_to_ts($11))
  RETURNING *)
SELECT r.id, r.requirement_id, r.award_id, r.organisation_id, q.kind, r.version, r.state,
       r.content::text, r.submitted_by, ts_to_micros(r.submitted_at), r.reviewed_by,
       ts_to_micros(r.reviewed_at), r.review_comment
FROM r JOIN report_requirements AS q ON q.id = r.requirement_id
