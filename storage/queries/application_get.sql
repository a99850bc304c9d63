SELECT a.id, a.round_id, a.organisation_id, coalesce(a.reference, ''), a.state,
       a.content::text, a.eligibility, a.submission_version, a.returned_count,
       a.return_comment, a.withdraw_reason, ts_to_micros(a.created_at),
       ts_to_micros(a.updated_at)
FROM applications AS a WHERE a.id = $1
