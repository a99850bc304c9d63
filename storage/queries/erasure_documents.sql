-- Organisation $1's documents are deleted with their bytes (an erasure),
-- each leaving a removal record; how many.
WITH recorded AS (
  INSERT INTO document_removals (document_id, organisation_id, application_id,
                                 award_id, kind, why, removed_by, stored_path,
                                 removed_at)
  SELECT id, organisation_id, application_id, award_id, kind, 'erasure', $2,
         stored_path, micros_to_ts($3)
  FROM documents WHERE organisation_id = $1
  ON CONFLICT (document_id) DO NOTHING
  RETURNING 1),
deleted AS (
  DELETE FROM documents WHERE organisation_id = $1 RETURNING 1)
SELECT (SELECT count(*) FROM deleted) + 0 * (SELECT count(*) FROM recorded)
