UPDATE recoveries
SET state = 'received', received_date = $2::date, bank_reference = $3, received_by = $4,
    received_at = micros_to_ts($5)
WHERE id = $1 AND state = 'raised'
