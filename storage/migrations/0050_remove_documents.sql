-- One way to remove documents (a mistake, retention, an erasure): each
-- leaves one removal record (why, by whom, the officer's reason when one
-- acted for the group, the file that held its bytes) and is deleted with
-- its bytes in the same statement. No row locks (grantsd's role may not
-- UPDATE documents): two callers removing the same document delete it once
-- and record it once. Returns the documents deleted and their files.
CREATE FUNCTION remove_documents(doomed uuid[], removal_why text,
                                 removal_by text, removal_reason text,
                                 removal_at timestamptz)
RETURNS TABLE (document_id uuid, stored_path text)
LANGUAGE sql AS $$
  WITH recorded AS (
    INSERT INTO document_removals (document_id, organisation_id,
                                   application_id, award_id, kind, why,
                                   removed_by, on_behalf_reason, stored_path,
                                   removed_at)
    SELECT d.id, d.organisation_id, d.application_id, d.award_id, d.kind,
           removal_why, removal_by, removal_reason, d.stored_path, removal_at
    FROM documents AS d WHERE d.id = ANY (doomed)
    ON CONFLICT ON CONSTRAINT document_removals_pkey DO NOTHING
    RETURNING 1)
  DELETE FROM documents AS d WHERE d.id = ANY (doomed)
  RETURNING d.id, d.stored_path
$$;
