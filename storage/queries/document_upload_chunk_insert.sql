-- Adds bytes $3 at offset $2 of upload $1.
INSERT INTO document_upload_chunks (upload_id, "offset", data) VALUES ($1, $2, $3)
