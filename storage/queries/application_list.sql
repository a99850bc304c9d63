SELECT a.id, a.round_id, a.organisation_id, coalesce(a.reference, ''), a.state,
       a.content::text, a.eligibility, a.submission_version, a.returned_count,
       a.return_comment, a.withdraw_reason, ts_to_micros(a.created_at),
       ts_to_micros(a.updated_at)
FROM applications AS a
WHERE ($1 = '' OR a.organisation_id = $1)
  AND ($2 = '' OR a.round_id = NULLIF($2, '')::uuid)
  AND ($3 = '' OR a.state = $3)
  AND ($4 = '' OR $4 = ANY (a.boroughs))
  AND ($5 = '' OR $5 = ANY (a.communities))
  AND ($6 = '' OR a.eligibility = $6)
ORDER BY a.created_at DESC, a.id
LIMIT $7 OFFSET $8
