-- Upload $1 with the bytes held so far, locked until commit; only one
-- started by $2 and not older than $3.
SELECT u.id, u.organisation_id, coalesce(u.application_id::text, ''),
       coalesce(u.award_id::text, ''), u.kind, u.file_name, u.size_bytes,
       u.sha256_declared, u.on_behalf_reason, u.created_by, ts_to_micros(u.created_at),
       coalesce((SELECT sum(length(c.data)) FROM document_upload_chunks c
                 WHERE c.upload_id = u.id), 0)::bigint
FROM document_uploads u
WHERE u.id = $1 AND u.created_by = $2 AND u.created_at >= micros_to_ts($3)
FOR UPDATE OF u
