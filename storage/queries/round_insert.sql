WITH r AS (
  INSERT INTO rounds (programme_id, number, name, state, opens_at, closes_at,
                      currency, budget_minor, min_grant_minor, max_grant_minor,
                      created_at, updated_at, eligibility, questions)
  VALUES ($1, $2, $3, 'draft', micros_to_ts($4), micros_to_ts($5), $6, $7, $8,
          $9, micros_to_ts($10), micros_to_ts($10), $11::jsonb, $12::jsonb)
  RETURNING *
)
SELECT r.id, r.programme_id, p.code, r.number, r.state, ts_to_micros(r.opens_at),
       ts_to_micros(r.closes_at), r.currency, r.budget_minor, r.min_grant_minor,
       r.max_grant_minor, r.cancel_reason, ts_to_micros(r.created_at),
       ts_to_micros(r.updated_at), r.name, p.fund_id,
       r.eligibility::text, r.questions::text
FROM r JOIN programmes AS p ON p.id = r.programme_id
