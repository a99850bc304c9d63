SELECT c.id, c.fund_id, c.funder_id, c.amount_minor, c.note,
       ts_to_micros(c.created_at), f.currency
FROM contributions AS c JOIN funds AS f ON f.id = c.fund_id
WHERE c.id = $1
