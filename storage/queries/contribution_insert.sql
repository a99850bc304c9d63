INSERT INTO contributions (fund_id, funder_id, amount_minor, note, created_at)
VALUES ($1, $2, $3, $4, micros_to_ts($5))
RETURNING id, fund_id, funder_id, amount_minor, note, ts_to_micros(created_at)
