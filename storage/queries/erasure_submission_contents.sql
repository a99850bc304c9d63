-- Application $1's submitted versions: version, content (JSON).
SELECT version, content::text
FROM application_submissions
WHERE application_id = $1::uuid
ORDER BY version
