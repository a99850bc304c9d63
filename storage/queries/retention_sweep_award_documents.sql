-- Up to $2 documents of awards that ended before $1, and of those awards'
-- applications (none of whose awards is live or ended since), are deleted,
-- each leaving a removal record; how many. No row locks (grantsd's role
-- may not UPDATE documents): a sweep running alongside deletes each
-- document once, and its record is written once.
WITH doomed AS (
  SELECT d.id FROM documents AS d
  WHERE EXISTS (SELECT 1 FROM awards AS w
                WHERE w.id = d.award_id OR w.application_id = d.application_id)
    AND NOT EXISTS (SELECT 1 FROM awards AS w
                    WHERE (w.id = d.award_id OR w.application_id = d.application_id)
                      AND (w.state IN ('offered', 'accepted', 'active')
                           OR w.updated_at >= micros_to_ts($1)))
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
