-- Awards as 360Giving needs them, by id after $2 ('' from the start), $3 at
-- a time, optionally of one programme ($1). Amount disbursed: the paid
-- ledger. Funders: every one with a share.
SELECT a.id, coalesce(ap.reference, a.id::text), p.code || '-R' || r.number, p.name, r.name,
       coalesce(ap.content ->> 'project_summary', ''), a.currency, a.amount_minor,
       coalesce((SELECT sum(pm.paid_minor) FROM payments AS pm
                 WHERE pm.award_id = a.id AND pm.state = 'paid'), 0),
       to_char(a.offered_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD'),
       coalesce(a.start_date::text, ''), coalesce(a.end_date::text, ''),
       o.org_id, o.name, o.charity_number, o.company_number,
       coalesce((SELECT json_agg(json_build_array(f.org_id, f.name) ORDER BY f.org_id)
                 FROM award_shares AS s JOIN funders AS f ON f.id = s.funder_id
                 WHERE s.award_id = a.id AND s.amount_minor > 0), '[]')::text,
       ap.boroughs, ap.communities,
       to_char(a.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
FROM awards AS a
JOIN applications AS ap ON ap.id = a.application_id
JOIN rounds AS r ON r.id = a.round_id
JOIN programmes AS p ON p.id = r.programme_id
JOIN organisations AS o ON o.id = a.organisation_id
WHERE a.state IN ('accepted', 'active', 'terminated', 'completed')
  AND ($1 = '' OR p.id = NULLIF($1, '')::uuid)
  AND ($2 = '' OR a.id > NULLIF($2, '')::uuid)
ORDER BY a.id
LIMIT $3
