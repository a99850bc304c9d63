-- Application $1's content and its submitted versions become $2 and each
-- version's erased content ($3: version numbers, $4: contents), and the
-- officers' comments to the group go.
WITH apps AS (
  UPDATE applications
  SET content = $2::jsonb,
      return_comment = CASE WHEN return_comment = '' THEN '' ELSE '[erased]' END,
      withdraw_reason = CASE WHEN withdraw_reason = '' THEN '' ELSE '[erased]' END
  WHERE id = $1::uuid
  RETURNING id)
UPDATE application_submissions AS s
SET content = u.content::jsonb
FROM unnest($3::int[], $4::text[]) AS u (version, content)
WHERE s.application_id = $1::uuid AND s.version = u.version
