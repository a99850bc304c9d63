SELECT c.code, c.title, c.weight, c.min_score, c.max_score, c.comment_required
FROM rubric_criteria AS c
WHERE c.round_id = $1
ORDER BY c.position
