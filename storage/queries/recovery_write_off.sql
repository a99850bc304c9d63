-- Writes off what raised recovery $1 still owes; no row when it is not
-- raised.
UPDATE recoveries
SET state = 'written_off', written_off_by = $2, written_off_at = micros_to_ts($3),
    write_off_reason = $4, written_off_minor = amount_minor - received_minor
WHERE id = $1 AND state = 'raised'
RETURNING id
