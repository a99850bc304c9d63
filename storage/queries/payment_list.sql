SELECT p.id, p.award_id, a.organisation_id, p.instalment, p.currency, p.amount_minor, p.due_kind,
       coalesce(p.due_date::text, ''), p.state, p.requested_by, ts_to_micros(p.requested_at),
       p.authorised_by, ts_to_micros(p.authorised_at), coalesce(p.instruction_id::text, ''),
       p.paid_minor, coalesce(p.paid_date::text, ''), p.bank_reference,
       coalesce(p.replaces::text, ''),
       coalesce((SELECT r.id::text FROM payments AS r WHERE r.replaces = p.id), ''),
       coalesce(p.released_on::text, '')
FROM payments AS p JOIN awards AS a ON a.id = p.award_id
WHERE ($1 = '' OR p.award_id = NULLIF($1, '')::uuid)
  AND ($2 = ''
       OR ($2 = 'due' AND p.state = 'scheduled' AND (p.due_kind = 'on_acceptance' OR (p.due_kind = 'on_date' AND p.due_date <= $3::date) OR coalesce(p.released_on <= $3::date, false)))
       OR ($2 = 'scheduled' AND p.state = 'scheduled' AND NOT (p.due_kind = 'on_acceptance' OR (p.due_kind = 'on_date' AND p.due_date <= $3::date) OR coalesce(p.released_on <= $3::date, false)))
       OR ($2 NOT IN ('due', 'scheduled') AND p.state = $2))
  AND ($6 = '' OR a.organisation_id = $6)
ORDER BY a.offered_at, p.award_id, p.instalment
LIMIT $4 OFFSET $5
