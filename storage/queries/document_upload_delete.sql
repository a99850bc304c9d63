-- Drops upload $1 and its bytes.
DELETE FROM document_uploads WHERE id = $1
