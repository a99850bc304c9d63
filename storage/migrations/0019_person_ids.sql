-- Pseudonymous identities (issue #15): a grantee who signs in by emailed
-- link is known everywhere by an opaque id ("person-" and 20 hex digits):
-- in tokens, logs, audit events, actor columns and idempotency keys. The
-- address lives here (and in the sign-in links and the outbox that send to
-- it), nowhere else.
CREATE TABLE person_identities (
  id          text        CONSTRAINT person_identities_pkey PRIMARY KEY,
  email       text        NOT NULL CONSTRAINT person_identities_email_key UNIQUE,
  created_at  timestamptz NOT NULL
);

-- Addresses that signed in before this migration get their ids now, and
-- every actor column that holds one of them holds the id instead. Rows that
-- are history by rule (confirmed payee changes, declarations) and the audit
-- trail keep what they recorded until erasure.
INSERT INTO person_identities (id, email, created_at)
SELECT 'person-' || substr(encode(sha256(convert_to(gen_random_uuid()::text, 'UTF8')), 'hex'), 1, 20),
       email, min(created_at)
FROM sign_in_links
WHERE used_at IS NOT NULL
GROUP BY email;

DO $$
DECLARE
  c record;
BEGIN
  FOR c IN
    SELECT table_name, column_name
    FROM information_schema.columns
    WHERE table_schema = 'public' AND data_type = 'text'
      AND (column_name LIKE '%\_by' OR column_name IN ('actor', 'subject'))
      AND table_name NOT IN ('audit_events', 'person_identities')
  LOOP
    BEGIN
      EXECUTE format(
        'UPDATE %I AS t SET %I = p.id FROM person_identities AS p WHERE t.%I = p.email',
        c.table_name, c.column_name, c.column_name);
    EXCEPTION WHEN check_violation OR unique_violation OR insufficient_privilege THEN
      NULL;  -- history kept by a trigger, or an id already there
    END;
  END LOOP;
END $$;
