-- Removes document $1 with its bytes, recording why ($2), by whom ($3,
-- with $4 when an officer acted for the group) and when ($5); the file it
-- was kept in, if any.
WITH recorded AS (
  INSERT INTO document_removals (document_id, organisation_id, application_id,
                                 award_id, kind, why, removed_by,
                                 on_behalf_reason, stored_path, removed_at)
  SELECT id, organisation_id, application_id, award_id, kind, $2, $3, $4,
         stored_path, micros_to_ts($5)
  FROM documents WHERE id = $1::uuid
  RETURNING stored_path)
DELETE FROM documents WHERE id = $1::uuid RETURNING (SELECT stored_path FROM recorded)
