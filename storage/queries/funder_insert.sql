INSERT INTO funders (org_id, name, created_at)
VALUES ($1, $2, micros_to_ts($3))
RETURNING id, org_id, name, ts_to_micros(created_at)
