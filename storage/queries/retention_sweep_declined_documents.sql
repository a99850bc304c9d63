-- Up to $2 documents of applications declined or withdrawn before $1 are
-- deleted, each leaving a removal record; how many. No row locks (grantsd's
-- role may not UPDATE documents): a sweep running alongside deletes each
-- document once, and its record is written once.
WITH doomed AS (
  SELECT d.id FROM documents AS d
  JOIN applications AS a ON a.id = d.application_id
  WHERE a.state IN ('declined', 'withdrawn') AND a.updated_at < micros_to_ts($1)
  ORDER BY d.id LIMIT $2),
recorded AS (
  INSERT INTO document_removals (document_id, organisation_id, application_id,
                                 award_id, kind, why, removed_by, stored_path,
                                 removed_at)
  SELECT d.id, d.organisation_id, d.application_id, d.award_id, d.kind,
         'retention', 'grantsd-retention', d.stored_path, now()
  FROM documents AS d JOIN doomed ON doomed.id = d.id
  ON CONFLICT (document_id) DO NOTHING
  RETURNING 1),
deleted AS (
  DELETE FROM documents AS d USING doomed WHERE d.id = doomed.id
  RETURNING 1)
SELECT (SELECT count(*) FROM deleted) + 0 * (SELECT count(*) FROM recorded)
