SELECT r.id, r.programme_id, p.code, r.number, r.state, ts_to_micros(r.opens_at),
       ts_to_micros(r.closes_at), r.currency, r.budget_minor, r.min_grant_minor,
       r.max_grant_minor, r.cancel_reason, ts_to_micros(r.created_at),
       ts_to_micros(r.updated_at), r.name, p.fund_id,
       r.eligibility::text, r.questions::text
FROM rounds AS r JOIN programmes AS p ON p.id = r.programme_id
WHERE r.id = $1
