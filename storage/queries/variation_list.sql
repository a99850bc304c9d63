SELECT v.id, v.award_id, a.organisation_id, v.state, v.currency, v.previous_minor, v.new_minor,
       coalesce(v.previous_end_date::text, ''), coalesce(v.new_end_date::text, ''), v.reason,
       v.proposed_by, v.proposer_role, ts_to_micros(v.proposed_at), v.decided_by,
       ts_to_micros(v.decided_at), v.decision_comment, v.endorsed_by,
       ts_to_micros(v.endorsed_at)
FROM award_variations AS v JOIN awards AS a ON a.id = v.award_id
WHERE ($1 = '' OR v.award_id = NULLIF($1, '')::uuid)
  AND ($2 = '' OR v.state = $2)
  AND ($3 = '' OR a.organisation_id = $3)
ORDER BY v.seq DESC
LIMIT $4 OFFSET $5
