-- Document $1's metadata.
SELECT id, organisation_id, coalesce(application_id::text, ''), coalesce(award_id::text, ''),
       kind, file_name, content_type, size_bytes, encode(sha256, 'hex'), uploaded_by,
       on_behalf_reason, ts_to_micros(created_at), scanned_by
FROM documents WHERE id = $1
