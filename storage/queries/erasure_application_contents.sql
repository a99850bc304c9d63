-- Organisation $1's applications: id, content (JSON), and whether a grant
-- from it was published (its summary is in the 360Giving export).
SELECT ap.id, ap.content::text,
       EXISTS (SELECT 1 FROM awards AS a WHERE a.application_id = ap.id
               AND a.state IN ('accepted', 'active', 'terminated', 'completed'))
FROM applications AS ap
WHERE ap.organisation_id = $1
ORDER BY ap.id
