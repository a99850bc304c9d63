UPDATE award_variations
SET endorsed_by = $2, endorsed_at = micros_to_ts($3)
WHERE id = $1 AND state = 'proposed' AND endorsed_by = ''
