-- The bytes upload $1 holds at offset $2, if any.
SELECT data FROM document_upload_chunks WHERE upload_id = $1 AND "offset" = $2
