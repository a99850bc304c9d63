INSERT INTO awards AS a (application_id, round_id, organisation_id, fund_id, currency,
                         amount_minor, conditions, state, expires_at, offered_by,
                         offered_at, updated_at, start_date, end_date, fast_path)
VALUES ($1, $2, $3, $4, $5, $6, $7::text[], 'offered', micros_to_ts($8), $9,
        micros_to_ts($10), micros_to_ts($10), NULLIF($11, '')::date, NULLIF($12, '')::date, $13)
RETURNING a.id, a.application_id, a.round_id, a.organisation_id, a.fund_id, a.currency,
       a.amount_minor, a.conditions, a.state, ts_to_micros(a.expires_at), a.offered_by,
       ts_to_micros(a.offered_at), a.responded_by, ts_to_micros(a.responded_at),
       a.decline_reason, a.attribution, coalesce(a.start_date::text, ''),
       coalesce(a.end_date::text, ''), a.terminated_by, ts_to_micros(a.terminated_at),
       a.termination_reason, a.released_minor, a.fast_path
