SELECT count(*)
FROM applications AS a JOIN rounds AS r ON r.id = a.round_id
WHERE a.organisation_id = $1
  AND r.programme_id = $2
  AND a.id <> $3
  AND a.submission_version > 0
  AND a.state <> 'withdrawn'
