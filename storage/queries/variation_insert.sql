WITH v AS (
  INSERT INTO award_variations (award_id, currency, previous_minor, new_minor,
                                previous_end_date, new_end_date, reason, proposed_by,
                                proposer_role, proposed_at)
  VALUES ($1, $2, $3, $4, NULLIF($5, '')::date, NULLIF($6, '')::date, $7, $8, $9,
          micros_to_ts($10))
  RETURNING *)
SELECT v.id, v.award_id, a.organisation_id, v.state, v.currency, v.previous_minor, v.new_minor,
       coalesce(v.previous_end_date::text, ''), coalesce(v.new_end_date::text, ''), v.reason,
       v.proposed_by, v.proposer_role, ts_to_micros(v.proposed_at), v.decided_by,
       ts_to_micros(v.decided_at), v.decision_comment, v.endorsed_by,
       ts_to_micros(v.endorsed_at)
FROM v JOIN awards AS a ON a.id = v.award_id
