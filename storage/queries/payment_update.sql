UPDATE payments
SET state = $2, requested_by = $3, requested_at = micros_to_ts(NULLIF($4::bigint, -1)),
    authorised_by = $5, authorised_at = micros_to_ts(NULLIF($6::bigint, -1)),
    instruction_id = CASE WHEN $7 = 'new' THEN gen_random_uuid() ELSE NULLIF($7, '')::uuid END,
    acknowledged_at = CASE WHEN $2 = 'instructed' THEN micros_to_ts($11) ELSE acknowledged_at END,
    paid_minor = NULLIF($8::bigint, -1), paid_date = NULLIF($9, '')::date,
    bank_reference = $10, updated_at = micros_to_ts($11)
WHERE id = $1
