SELECT r.id, r.award_id, a.organisation_id, r.payment_id, r.currency, r.amount_minor, r.reason,
       r.state, r.raised_by, ts_to_micros(r.raised_at), coalesce(r.received_date::text, ''),
       r.bank_reference, r.received_by, ts_to_micros(r.received_at), r.received_minor,
       r.due_date::text, r.written_off_by, ts_to_micros(r.written_off_at), r.write_off_reason,
       r.written_off_minor
FROM recoveries AS r JOIN awards AS a ON a.id = r.award_id
WHERE ($1 = '' OR r.award_id = NULLIF($1, '')::uuid)
  AND ($2 = '' OR r.state = $2)
ORDER BY r.state <> 'raised', r.seq DESC
LIMIT $3 OFFSET $4
