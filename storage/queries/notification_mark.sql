-- Records a delivery ($2 = '') or a failed attempt ($2 = the error).
UPDATE notifications
SET sent_at = CASE WHEN $2 = '' THEN micros_to_ts($3) ELSE NULL END,
    attempts = attempts + 1, last_error = $2
WHERE id = $1
