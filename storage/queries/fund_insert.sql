INSERT INTO funds (name, currency, created_at)
VALUES ($1, $2, micros_to_ts($3))
RETURNING id, name, currency, contributed_minor, drawn_minor,
          ts_to_micros(created_at)
