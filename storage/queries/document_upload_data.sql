-- Every chunk of upload $1, in order.
SELECT data FROM document_upload_chunks WHERE upload_id = $1 ORDER BY "offset"
