-- What sent document $1 of award $2 (a report or a condition), or '' when
-- nothing relies on it.
SELECT coalesce(
  (SELECT 'report ' || r.id::text FROM reports AS r
   WHERE r.award_id = $2::uuid AND r.content->'document_ids' ? $1::text
   ORDER BY r.submitted_at LIMIT 1),
  (SELECT 'condition ' || c.number::text FROM award_conditions AS c
   WHERE c.award_id = $2::uuid AND $1::uuid = ANY (c.document_ids)
   ORDER BY c.number LIMIT 1),
  '')
