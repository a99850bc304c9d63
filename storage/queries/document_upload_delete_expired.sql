-- Drops uploads started before $1, with their bytes.
DELETE FROM document_uploads WHERE created_at < micros_to_ts($1)
