-- Organisation $1's reports: id, content (JSON).
SELECT id, content::text FROM reports WHERE organisation_id = $1 ORDER BY id
