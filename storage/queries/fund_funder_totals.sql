SELECT funder_id, sum(amount_minor)::bigint
FROM contributions WHERE fund_id = $1
GROUP BY funder_id
ORDER BY min(created_at), funder_id
