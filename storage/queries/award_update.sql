UPDATE awards AS a
SET state = $2, responded_by = $3, responded_at = micros_to_ts(NULLIF($4::bigint, -1)),
    decline_reason = $5, attribution = $6, updated_at = micros_to_ts($7),
    amount_minor = $8, end_date = NULLIF($9, '')::date, terminated_by = $10,
    terminated_at = micros_to_ts(NULLIF($11::bigint, -1)), termination_reason = $12,
    released_minor = $13
WHERE a.id = $1
RETURNING a.id, a.application_id, a.round_id, a.organisation_id, a.fund_id, a.currency,
       a.amount_minor, a.conditions, a.state, ts_to_micros(a.expires_at), a.offered_by,
       ts_to_micros(a.offered_at), a.responded_by, ts_to_micros(a.responded_at),
       a.decline_reason, a.attribution, coalesce(a.start_date::text, ''),
       coalesce(a.end_date::text, ''), a.terminated_by, ts_to_micros(a.terminated_at),
       a.termination_reason, a.released_minor, a.fast_path
