INSERT INTO scores AS s (application_id, reviewer, round_id, criterion_code,
                         value, comment, scored_at)
VALUES ($1, $2, $3, $4, $5, $6, micros_to_ts($7))
ON CONFLICT ON CONSTRAINT scores_one_per_criterion
  DO UPDATE SET value = EXCLUDED.value, comment = EXCLUDED.comment,
                scored_at = EXCLUDED.scored_at
