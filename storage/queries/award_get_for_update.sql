SELECT a.id, a.application_id, a.round_id, a.organisation_id, a.fund_id, a.currency,
       a.amount_minor, a.conditions, a.state, ts_to_micros(a.expires_at), a.offered_by,
       ts_to_micros(a.offered_at), a.responded_by, ts_to_micros(a.responded_at),
       a.decline_reason, a.attribution, coalesce(a.start_date::text, ''),
       coalesce(a.end_date::text, ''), a.terminated_by, ts_to_micros(a.terminated_at),
       a.termination_reason, a.released_minor, a.fast_path
FROM awards AS a WHERE a.id = $1
FOR NO KEY UPDATE
