SELECT id, code, name, description, fund_id, priority_communities,
       target_outcomes, ts_to_micros(created_at)
FROM programmes
ORDER BY code
LIMIT $1 OFFSET $2
