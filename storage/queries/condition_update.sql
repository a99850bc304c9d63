-- Writes condition $1's state, statement, documents, who met it and when,
-- the on-behalf reason, who signed it off and when, the return comment
-- (times in microseconds, 0 for none).
UPDATE award_conditions
SET state = $2, statement = $3, document_ids = $4::uuid[], met_by = $5,
    met_at = CASE WHEN $6::bigint = 0 THEN NULL ELSE micros_to_ts($6) END,
    on_behalf_reason = $7, signed_off_by = $8,
    signed_off_at = CASE WHEN $9::bigint = 0 THEN NULL ELSE micros_to_ts($9) END,
    return_comment = $10
WHERE id = $1
