-- Award $1 becomes active at $2 if it was accepted (its first payment was
-- just paid); returns its id when it changed.
UPDATE awards SET state = 'active', updated_at = micros_to_ts($2)
WHERE id = $1::uuid AND state = 'accepted'
RETURNING id
