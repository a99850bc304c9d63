SELECT r.id, r.reason, r.instruction_id, r.currency, r.paid_minor, r.paid_date, r.bank_reference,
       coalesce(r.payment_id::text, ''), r.reported_by, ts_to_micros(r.reported_at), r.resolved,
       r.resolution_note, r.resolved_by, ts_to_micros(r.resolved_at)
FROM reconciliation_items AS r WHERE r.id = $1
