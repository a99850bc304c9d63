-- Adds a receipt of $3 to raised recovery $1 and, in the same statement,
-- adds it to the recovery's sum (RECEIVED once repaid in full), which keeps
-- the latest receipt's details. No row, and nothing written, when the
-- recovery is not raised, is in another currency than $2, or owes less
-- than $3.
WITH r AS (
  UPDATE recoveries
  SET received_minor = received_minor + $3,
      state = CASE WHEN received_minor + $3 = amount_minor THEN 'received' ELSE state END,
      received_date = $4::date, bank_reference = $5, received_by = $6,
      received_at = micros_to_ts($7)
  WHERE id = $1 AND state = 'raised' AND currency = $2 AND received_minor + $3 <= amount_minor
  RETURNING id, currency)
INSERT INTO recovery_receipts (recovery_id, currency, amount_minor, received_date,
                               bank_reference, received_by, received_at)
SELECT r.id, r.currency, $3, $4::date, $5, $6, micros_to_ts($7) FROM r
RETURNING id
