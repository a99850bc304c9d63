SELECT recovery_id, currency, amount_minor, received_date::text, bank_reference, received_by,
       ts_to_micros(received_at)
FROM recovery_receipts
WHERE recovery_id = ANY ($1::uuid[])
ORDER BY recovery_id, seq
