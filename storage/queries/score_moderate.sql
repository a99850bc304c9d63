UPDATE scores
SET moderated_value = $2, moderation_reason = $3, moderated_by = $4,
    moderated_at = micros_to_ts($5)
WHERE id = $1
