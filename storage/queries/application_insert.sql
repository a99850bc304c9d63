INSERT INTO applications AS a (round_id, organisation_id, state, content,
                               amount_minor, boroughs, communities, created_at,
                               updated_at)
VALUES ($1, $2, 'draft', $3::jsonb, $4, $5::text[], $6::text[],
        micros_to_ts($7), micros_to_ts($7))
RETURNING a.id, a.round_id, a.organisation_id, coalesce(a.reference, ''), a.state,
       a.content::text, a.eligibility, a.submission_version, a.returned_count,
       a.return_comment, a.withdraw_reason, ts_to_micros(a.created_at),
       ts_to_micros(a.updated_at)
