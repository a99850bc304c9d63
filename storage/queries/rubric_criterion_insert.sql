INSERT INTO rubric_criteria (round_id, position, code, title, weight, min_score,
                             max_score, comment_required)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
