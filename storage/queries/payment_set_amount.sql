UPDATE payments SET amount_minor = $2, updated_at = micros_to_ts($3)
WHERE id = $1 AND state = 'scheduled'
