-- Removal of document $1: when.
SELECT ts_to_micros(removed_at) FROM document_removals WHERE document_id = $1::uuid
