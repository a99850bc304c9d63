SELECT p.id, p.award_id, a.organisation_id, p.instalment, p.currency, p.amount_minor, p.due_kind,
       coalesce(p.due_date::text, ''), p.state, p.requested_by, ts_to_micros(p.requested_at),
       p.authorised_by, ts_to_micros(p.authorised_at), coalesce(p.instruction_id::text, ''),
       p.paid_minor, coalesce(p.paid_date::text, ''), p.bank_reference,
       coalesce(p.replaces::text, ''),
       coalesce((SELECT r.id::text FROM payments AS r WHERE r.replaces = p.id), ''),
       coalesce(p.released_on::text, ''),
       coalesce(y.account_name, ''), coalesce(y.sort_code, ''), coalesce(y.account_number, '')
FROM payments AS p JOIN awards AS a ON a.id = p.award_id
LEFT JOIN payment_payees AS y ON y.payment_id = p.id
WHERE p.id = $1
