UPDATE awards AS a
SET state = $2, responded_by = $3, responded_at = micros_to_ts(NULLIF($4::bigint, -1)),
    decline_reason = $5, attribution = $6, updated_at = micros_to_ts($7)
WHERE a.id = $1
RETURNING a.id, a.application_id, a.round_id, a.organisation_id, a.fund_id, a.currency,
       a.amount_minor, a.conditions, a.state, ts_to_micros(a.expires_at), a.offered_by,
       ts_to_micros(a.offered_at), a.responded_by, ts_to_micros(a.responded_at),
       a.decline_reason, a.attribution
