-- The organisation (columns as organisation_get.sql), read while taking the
-- lock that serialises its submissions until the transaction ends: a
-- transaction-scoped advisory lock keyed by the organisation id, in the same
-- round trip. Unlike a row lock it writes nothing (a row lock dirties the
-- organisation's page, which after a checkpoint costs a full-page image in
-- the WAL). A hash collision only makes two organisations wait for each
-- other. 1936028018 = "sbmt". What is counted after this statement is read
-- with a snapshot taken after the lock.
SELECT id, org_id, name, legal_form, charity_number, company_number, currency,
       annual_income_minor, borough_code, contacts::text, bank_account_name,
       bank_sort_code, bank_account_number, correspondence_language,
       ts_to_micros(created_at), ts_to_micros(updated_at),
       pg_advisory_xact_lock(1936028018, hashtext($1))
FROM organisations WHERE id = $1
