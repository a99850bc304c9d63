WITH r AS (
  INSERT INTO recoveries (award_id, payment_id, currency, amount_minor, reason, raised_by,
                          raised_at, due_date)
  VALUES ($1, $2, $3, $4, $5, $6, micros_to_ts($7), $8::date)
  RETURNING *)
SELECT r.id, r.award_id, a.organisation_id, r.payment_id, r.currency, r.amount_minor, r.reason,
       r.state, r.raised_by, ts_to_micros(r.raised_at), coalesce(r.received_date::text, ''),
       r.bank_reference, r.received_by, ts_to_micros(r.received_at), r.received_minor,
       r.due_date::text, r.written_off_by, ts_to_micros(r.written_off_at), r.write_off_reason,
       r.written_off_minor
FROM r JOIN awards AS a ON a.id = r.award_id
