INSERT INTO reconciliation_items AS r (reason, instruction_id, payment_id, currency, paid_minor,
                                       paid_date, bank_reference, reported_by, reported_at)
VALUES ($1, $2, NULLIF($3, '')::uuid, $4, $5, $6, $7, $8, micros_to_ts($9))
RETURNING r.id, r.reason, r.instruction_id, r.currency, r.paid_minor, r.paid_date, r.bank_reference,
       coalesce(r.payment_id::text, ''), r.reported_by, ts_to_micros(r.reported_at), r.resolved,
       r.resolution_note, r.resolved_by, ts_to_micros(r.resolved_at)
