SELECT r.id, r.award_id, a.organisation_id, r.payment_id, r.currency, r.amount_minor, r.reason,
       r.state, r.raised_by, ts_to_micros(r.raised_at), coalesce(r.received_date::text, ''),
       r.bank_reference, r.received_by, ts_to_micros(r.received_at)
FROM recoveries AS r JOIN awards AS a ON a.id = r.award_id
WHERE r.id = $1
FOR NO KEY UPDATE OF r
