-- Applications reviewer $1 has scored that an interest in organisation $2
-- or application $3 covers: their scores leave the ranking.
SELECT DISTINCT s.application_id::text
FROM scores AS s
JOIN applications AS a ON a.id = s.application_id
WHERE s.reviewer = $1
  AND (a.organisation_id = NULLIF($2, '') OR a.id = NULLIF($3, '')::uuid)
ORDER BY 1
