-- Documents leave (issue #17 item 3): a group (or an officer for it)
-- removes one attached by mistake while nothing relies on it; the
-- retention schedule deletes them in time; erasing a group deletes its
-- own. Each removal leaves a row here without the file's name or bytes:
-- what was removed, why, by whom and when; a file kept in the documents
-- directory is unlinked once no document holds the same bytes
-- (file_removed_at), after the removal commits.
CREATE TABLE document_removals (
  document_id      uuid        CONSTRAINT document_removals_pkey PRIMARY KEY,
  organisation_id  text        NOT NULL CONSTRAINT document_removals_organisation_fkey
                                 REFERENCES organisations (id),
  application_id   uuid,
  award_id         uuid,
  kind             text        NOT NULL,
  why              text        NOT NULL CONSTRAINT document_removals_why_known CHECK (
                                 why IN ('mistake', 'retention', 'erasure')),
  removed_by       text        NOT NULL,
  -- An officer removing it for the group says why (erased with the group).
  on_behalf_reason text        NOT NULL DEFAULT '',
  stored_path      text        NOT NULL DEFAULT '',
  file_removed_at  timestamptz,
  removed_at       timestamptz NOT NULL
);
CREATE INDEX document_removals_files_idx ON document_removals (removed_at)
  WHERE stored_path <> '' AND file_removed_at IS NULL;

INSERT INTO retention_rules
  (record_class, keep_days, minimum_days, after_event, action, what, position)
VALUES
  ('declined_documents', 365, 0, 'the application was declined or withdrawn', 'delete',
   'the documents attached to the application (accounts, bank statements, policies)', 11),
  ('award_documents', 2190, 2190, 'the award ended', 'delete',
   'the documents of the award and of its application (accounts, bank statements, evidence)', 12);
