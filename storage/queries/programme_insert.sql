INSERT INTO programmes (code, name, description, fund_id, priority_communities,
                        target_outcomes, created_at)
VALUES ($1, $2, $3, $4, $5::text[], $6::text[], micros_to_ts($7))
RETURNING id, code, name, description, fund_id, priority_communities,
          target_outcomes, ts_to_micros(created_at)
