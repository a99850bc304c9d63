-- What keeps organisation $1's personal data from erasure (a legal hold):
-- an award still live, money still owed back, an application still being
-- assessed. (kind, id, state).
SELECT 'award', a.id::text, a.state
FROM awards AS a
WHERE a.organisation_id = $1 AND a.state IN ('offered', 'accepted', 'active')
UNION ALL
SELECT 'recovery', r.id::text, r.state
FROM recoveries AS r JOIN awards AS a ON a.id = r.award_id
WHERE a.organisation_id = $1 AND r.state = 'raised'
UNION ALL
SELECT 'application', ap.id::text, ap.state
FROM applications AS ap
WHERE ap.organisation_id = $1 AND ap.state IN ('submitted', 'returned')
  AND NOT EXISTS (SELECT 1 FROM decisions AS d WHERE d.application_id = ap.id)
ORDER BY 1, 2
