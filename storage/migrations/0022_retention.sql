-- The retention schedule as data (issue #15): per record class, how many
-- days after which event a record is kept, and what happens then (the row
-- deleted, or its personal fields erased and the rest kept). An
-- administrator changes a period with `grantsctl retention set`; never
-- below the class's legal minimum (HMRC and the Charity Commission expect
-- money records kept six years after the grant ends). grantsd's sweep
-- applies it in small batches, each in its own transaction, so several
-- grantsd can sweep at once and a crash leaves nothing half-done.
CREATE TABLE retention_rules (
  record_class  text        CONSTRAINT retention_rules_pkey PRIMARY KEY,
  keep_days     integer     NOT NULL,
  minimum_days  integer     NOT NULL CONSTRAINT retention_rules_minimum_non_negative
                              CHECK (minimum_days >= 0),
  after_event   text        NOT NULL,  -- the event the period runs from
  action        text        NOT NULL CONSTRAINT retention_rules_action_known
                              CHECK (action IN ('delete', 'erase')),
  what          text        NOT NULL,  -- what goes, in words
  position      integer     NOT NULL,  -- order of the schedule
  updated_at    timestamptz,
  updated_by    text        NOT NULL DEFAULT '',
  -- The last sweep of this class: when, and how many records it changed.
  swept_at      timestamptz,
  swept_count   bigint      NOT NULL DEFAULT 0,
  CONSTRAINT retention_rules_keep_at_least_minimum CHECK (keep_days >= minimum_days)
);

INSERT INTO retention_rules
  (record_class, keep_days, minimum_days, after_event, action, what, position)
VALUES
  ('sign_in_links', 30, 0, 'the link expired', 'delete',
   'the link, with the address it was sent to', 1),
  ('idempotency_keys', 90, 7, 'the request was first made', 'delete',
   'the key and the hash of the request (a retry after this is a new request)', 2),
  ('delivered_messages', 90, 0, 'the message was delivered', 'erase',
   'the recipient''s address and the message''s parameters (and spool files)', 3),
  ('declined_applications', 365, 0, 'the application was declined or withdrawn', 'erase',
   'the answers, activities, budget descriptions and summary, and officers'' comments to the group', 4),
  ('unsuccessful_groups', 730, 0,
   'the group''s last application was decided or withdrawn (a group that never had an award)',
   'erase', 'everything `person erase` erases: contacts, bank details, words, addresses', 5),
  ('idle_bank_details', 365, 0,
   'the group''s last award ended, or its details were last changed if it never had one',
   'erase', 'the group''s current bank account details', 6),
  ('report_words', 2190, 0, 'the award ended', 'erase',
   'the activities and story of its monitoring reports (every number stays)', 7),
  ('payee_accounts', 2190, 2190, 'the award ended', 'erase',
   'the account details its payments were made to (amounts, dates and states stay)', 8),
  ('personal_data_reads', 730, 0, 'the read', 'delete',
   'the record of who read a group''s contact or bank details', 9),
  ('idle_identities', 730, 0,
   'the person last signed in, when no group lists their address', 'erase',
   'the address behind a person''s id (the id stays in the records)', 10);

-- What the sweep has already done, so that it never does it twice.
ALTER TABLE applications ADD COLUMN words_erased_at timestamptz;
ALTER TABLE reports ADD COLUMN words_erased_at timestamptz;
-- When a person last signed in (idle_identities runs from it: the sign-in
-- links that also tell it are deleted sooner).
ALTER TABLE person_identities ADD COLUMN last_signed_in_at timestamptz;
UPDATE person_identities AS p
SET last_signed_in_at = coalesce(
  (SELECT max(l.used_at) FROM sign_in_links AS l WHERE l.email = p.email),
  p.created_at);
ALTER TABLE person_identities ALTER COLUMN last_signed_in_at SET NOT NULL;

CREATE INDEX applications_closed_idx ON applications (updated_at)
  WHERE state IN ('declined', 'withdrawn') AND words_erased_at IS NULL;
CREATE INDEX notifications_delivered_idx ON notifications (sent_at)
  WHERE sent_at IS NOT NULL AND recipient <> '';
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
CREATE INDEX sign_in_links_expires_idx ON sign_in_links (expires_at);
CREATE INDEX personal_data_reads_read_idx ON personal_data_reads (read_at);
