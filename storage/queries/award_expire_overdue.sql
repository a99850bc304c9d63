UPDATE awards AS a
SET state = 'expired', responded_at = micros_to_ts($2), updated_at = micros_to_ts($2)
WHERE a.state = 'offered' AND a.expires_at <= micros_to_ts($2)
  AND ($1 = '' OR a.round_id = NULLIF($1, '')::uuid)
RETURNING a.id, a.application_id, a.round_id, a.organisation_id, a.fund_id, a.currency,
       a.amount_minor, a.conditions, a.state, ts_to_micros(a.expires_at), a.offered_by,
       ts_to_micros(a.offered_at), a.responded_by, ts_to_micros(a.responded_at),
       a.decline_reason, a.attribution, coalesce(a.start_date::text, ''),
       coalesce(a.end_date::text, ''), a.terminated_by, ts_to_micros(a.terminated_at),
       a.termination_reason, a.released_minor, a.fast_path
