-- One sealer at a time, across every grantsd (6175646974 is "audit"); held
-- to the end of the transaction. audit_seal() checks the head besides.
SELECT pg_advisory_xact_lock(6175646974)
