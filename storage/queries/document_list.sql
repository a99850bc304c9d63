-- The documents of application $1 or award $2 (the other empty), oldest
-- first.
SELECT id, organisation_id, coalesce(application_id::text, ''), coalesce(award_id::text, ''),
       kind, file_name, content_type, size_bytes, encode(sha256, 'hex'), uploaded_by,
       on_behalf_reason, ts_to_micros(created_at), scanned_by
FROM documents
WHERE ($1 <> '' AND application_id = nullif($1, '')::uuid)
   OR ($2 <> '' AND award_id = nullif($2, '')::uuid)
ORDER BY created_at, id
