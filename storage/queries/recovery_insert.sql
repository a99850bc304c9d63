WITH r AS (
  INSERT INTO recoveries (award_id, payment_id, currency, amount_minor, reason, raised_by,
                          raised_at)
  VALUES ($1, $2, $3, $4, $5, $6, micros_to_ts($7))
  RETURNING *)
SELECT r.id, r.award_id, a.organisation_id, r.payment_id, r.currency, r.amount_minor, r.reason,
       r.state, r.raised_by, ts_to_micros(r.raised_at), coalesce(r.received_date::text, ''),
       r.bank_reference, r.received_by, ts_to_micros(r.received_at)
FROM r JOIN awards AS a ON a.id = r.award_id
