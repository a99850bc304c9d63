-- Holds document $1 against every other holder until commit: a removal
-- (documents are never UPDATEd, so no row lock: grantsd's role may not).
SELECT pg_advisory_xact_lock(hashtext('document:' || $1))
