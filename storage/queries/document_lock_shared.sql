-- Holds document $1 against its removal until commit, alongside other
-- readers: a report or condition that sends it.
SELECT pg_advisory_xact_lock_shared(hashtext('document:' || $1))
