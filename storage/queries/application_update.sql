UPDATE applications AS a
SET state = $2, reference = NULLIF($3, ''), content = $4::jsonb,
    amount_minor = $5, boroughs = $6::text[], communities = $7::text[],
    eligibility = $8, submission_version = $9, returned_count = $10,
    return_comment = $11, withdraw_reason = $12, updated_at = micros_to_ts($13)
WHERE a.id = $1
RETURNING a.id, a.round_id, a.organisation_id, coalesce(a.reference, ''), a.state,
       a.content::text, a.eligibility, a.submission_version, a.returned_count,
       a.return_comment, a.withdraw_reason, ts_to_micros(a.created_at),
       ts_to_micros(a.updated_at)
