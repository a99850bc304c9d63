UPDATE award_variations
SET state = $2, decided_by = $3, decided_at = micros_to_ts($4), decision_comment = $5
WHERE id = $1 AND state = 'proposed'
