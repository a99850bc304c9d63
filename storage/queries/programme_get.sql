SELECT id, code, name, description, fund_id, priority_communities,
       target_outcomes, ts_to_micros(created_at)
FROM programmes WHERE id = $1
