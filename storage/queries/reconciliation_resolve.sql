UPDATE reconciliation_items AS r
SET resolved = true, resolution_note = $2, resolved_by = $3, resolved_at = micros_to_ts($4)
WHERE r.id = $1 AND NOT r.resolved
RETURNING r.id, r.reason, r.instruction_id, r.currency, r.paid_minor, r.paid_date, r.bank_reference,
       coalesce(r.payment_id::text, ''), r.reported_by, ts_to_micros(r.reported_at), r.resolved,
       r.resolution_note, r.resolved_by, ts_to_micros(r.resolved_at)
