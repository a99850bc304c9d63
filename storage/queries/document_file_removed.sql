-- The file of removed document $1 is gone (or still holds another
-- document's identical bytes, and stays for it).
UPDATE document_removals SET file_removed_at = micros_to_ts($2)
WHERE document_id = $1::uuid
