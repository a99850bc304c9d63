-- Up to $1 files of removed documents not yet unlinked, locked.
SELECT document_id, stored_path FROM document_removals
WHERE stored_path <> '' AND file_removed_at IS NULL
ORDER BY removed_at LIMIT $1
FOR UPDATE SKIP LOCKED
