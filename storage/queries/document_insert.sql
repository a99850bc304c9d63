-- Keeps a document: id, organisation, application, award (one NULL), kind,
-- file name, content type, size, SHA-256, bytes (NULL when in a
-- directory), stored path, uploader, on-behalf reason, scanner, when.
INSERT INTO documents (id, organisation_id, application_id, award_id, kind, file_name,
                       content_type, size_bytes, sha256, content, stored_path, uploaded_by,
                       on_behalf_reason, scanned_by, created_at)
VALUES ($1, $2, nullif($3, '')::uuid, nullif($4, '')::uuid, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
        micros_to_ts($15))
