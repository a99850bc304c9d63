SELECT a.id, a.application_id, a.round_id, a.organisation_id, a.fund_id, a.currency,
       a.amount_minor, a.conditions, a.state, ts_to_micros(a.expires_at), a.offered_by,
       ts_to_micros(a.offered_at), a.responded_by, ts_to_micros(a.responded_at),
       a.decline_reason, a.attribution, coalesce(a.start_date::text, ''),
       coalesce(a.end_date::text, ''), a.terminated_by, ts_to_micros(a.terminated_at),
       a.termination_reason, a.released_minor, a.fast_path
FROM awards AS a
WHERE ($1 = '' OR a.organisation_id = $1)
  AND ($2 = '' OR a.round_id = NULLIF($2, '')::uuid)
  AND ($3 = '' OR a.state = $3)
  AND ($6 = '' OR EXISTS (SELECT 1 FROM award_shares AS s
                          WHERE s.award_id = a.id AND s.funder_id = NULLIF($6, '')::uuid
                            AND s.amount_minor > 0))
ORDER BY a.offered_at DESC, a.id
LIMIT $4 OFFSET $5
