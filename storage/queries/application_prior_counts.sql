-- What an organisation already has in a programme, besides one application
-- ($4), for the eligibility limits: $1 organisation, $2 programme, $3 round.
-- Grants are approved applications; no application is approved until
-- decisions land (the state CHECK does not yet allow 'approved'), and awards
-- will be counted here when they exist.
SELECT count(*) FILTER (WHERE a.submission_version > 0
                          AND a.state <> 'withdrawn'),
       count(*) FILTER (WHERE a.round_id = $3 AND a.submission_version > 0),
       count(*) FILTER (WHERE a.round_id = $3 AND a.state = 'approved'),
       count(*) FILTER (WHERE a.state = 'approved')
FROM applications AS a JOIN rounds AS r ON r.id = a.round_id
WHERE a.organisation_id = $1
  AND r.programme_id = $2
  AND a.id <> $4
