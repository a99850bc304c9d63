-- A round as an applicant's change needs it, in one round trip: the round
-- (columns as round_get.sql), its programme's priority communities, the
-- closing instant of the organisation's extension, if it has one, and the
-- organisation's language for correspondence (NULL: not registered).
-- $1 round, $2 organisation.
SELECT r.id, r.programme_id, p.code, r.number, r.state, ts_to_micros(r.opens_at),
       ts_to_micros(r.closes_at), r.currency, r.budget_minor, r.min_grant_minor,
       r.max_grant_minor, r.cancel_reason, ts_to_micros(r.created_at),
       ts_to_micros(r.updated_at), r.name, p.fund_id,
       r.eligibility::text, r.questions::text,
       p.priority_communities, ts_to_micros(e.closes_at),
       o.correspondence_language
FROM rounds AS r
JOIN programmes AS p ON p.id = r.programme_id
LEFT JOIN extensions AS e ON e.round_id = r.id AND e.organisation_id = $2
LEFT JOIN organisations AS o ON o.id = $2
WHERE r.id = $1
