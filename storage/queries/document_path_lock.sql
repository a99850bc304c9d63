-- Serialises writing and unlinking the documents directory's file $1
-- until commit.
SELECT pg_advisory_xact_lock(hashtext('document-file:' || $1))
