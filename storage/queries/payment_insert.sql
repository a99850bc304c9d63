INSERT INTO payments (award_id, instalment, currency, amount_minor, due_kind, due_date,
                      created_by, updated_at, replaces)
VALUES ($1, $2, $3, $4, $5, NULLIF($6, '')::date, $7, micros_to_ts($8), NULLIF($9, '')::uuid)
RETURNING id
