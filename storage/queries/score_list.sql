-- The scores of one application ($1), by reviewer, then rubric order: every
-- reviewer's, or only reviewer $2's when it is not ''.
SELECT s.id, s.application_id, s.reviewer, s.criterion_code, s.value, s.comment,
       ts_to_micros(s.scored_at), s.moderated_value, s.moderation_reason,
       s.moderated_by, coalesce(ts_to_micros(s.moderated_at), 0),
       EXISTS (SELECT 1 FROM conflict_declarations AS d
               WHERE d.reviewer = s.reviewer
                 AND (d.application_id = a.id
                      OR d.organisation_id = a.organisation_id))
FROM scores AS s
JOIN applications AS a ON a.id = s.application_id
JOIN rubric_criteria AS c ON c.round_id = s.round_id AND c.code = s.criterion_code
WHERE s.application_id = $1 AND ($2 = '' OR s.reviewer = $2)
ORDER BY s.reviewer, c.position
