-- Serialises one organisation's submissions until the transaction ends: a
-- transaction-scoped advisory lock keyed by the organisation id. Unlike a row
-- lock it writes nothing (a row lock dirties the organisation's page, which
-- after a checkpoint costs a full-page image in the WAL). A hash collision
-- only makes two organisations wait for each other. 1936028018 = "sbmt".
SELECT pg_advisory_xact_lock(1936028018, hashtext($1))
