-- Starts an upload: organisation, application, award (one of the two
-- NULL), kind, file name, size, declared checksum, on-behalf reason, who,
-- when.
INSERT INTO document_uploads (organisation_id, application_id, award_id, kind, file_name,
                              size_bytes, sha256_declared, on_behalf_reason, created_by, created_at)
VALUES ($1, nullif($2, '')::uuid, nullif($3, '')::uuid, $4, $5, $6, $7, $8, $9, micros_to_ts($10))
RETURNING id
