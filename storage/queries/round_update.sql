WITH r AS (
  UPDATE rounds
  SET name = $2, opens_at = micros_to_ts($3), closes_at = micros_to_ts($4),
      budget_minor = $5, min_grant_minor = $6, max_grant_minor = $7,
      state = $8, cancel_reason = $9, updated_at = micros_to_ts($10),
      eligibility = $11::jsonb, questions = $12::jsonb
  WHERE id = $1
  RETURNING *
)
SELECT r.id, r.programme_id, p.code, r.number, r.state, ts_to_micros(r.opens_at),
       ts_to_micros(r.closes_at), r.currency, r.budget_minor, r.min_grant_minor,
       r.max_grant_minor, r.cancel_reason, ts_to_micros(r.created_at),
       ts_to_micros(r.updated_at), r.name, p.fund_id,
       r.eligibility::text, r.questions::text
FROM r JOIN programmes AS p ON p.id = r.programme_id
