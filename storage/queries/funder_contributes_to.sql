SELECT EXISTS (SELECT 1 FROM contributions WHERE funder_id = $1 AND fund_id = $2)
