-- Documents (issue #17): files a group attaches to an application or an
-- award, kept only once whole, scanned clean and of an allowed type. Their
-- bytes arrive in chunks (document_upload_chunks) that any grantsd can take;
-- a refused or abandoned upload leaves nothing behind.
CREATE TABLE document_uploads (
  id               uuid        CONSTRAINT document_uploads_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id  text        NOT NULL CONSTRAINT document_uploads_organisation_fkey REFERENCES organisations (id),
  application_id   uuid        CONSTRAINT document_uploads_application_fkey REFERENCES applications (id),
  award_id         uuid        CONSTRAINT document_uploads_award_fkey REFERENCES awards (id),
  kind             text        NOT NULL,
  file_name        text        NOT NULL,
  size_bytes       bigint      NOT NULL CONSTRAINT document_uploads_size_positive CHECK (size_bytes > 0),
  sha256_declared  text        NOT NULL DEFAULT '',
  on_behalf_reason text        NOT NULL DEFAULT '',
  created_by       text        NOT NULL,
  created_at       timestamptz NOT NULL,
  CONSTRAINT document_uploads_one_subject CHECK ((application_id IS NULL) <> (award_id IS NULL))
);
CREATE INDEX document_uploads_created_idx ON document_uploads (created_at);

CREATE TABLE document_upload_chunks (
  upload_id  uuid   NOT NULL CONSTRAINT document_upload_chunks_upload_fkey
                      REFERENCES document_uploads (id) ON DELETE CASCADE,
  "offset"   bigint NOT NULL CONSTRAINT document_upload_chunks_offset_nonnegative CHECK ("offset" >= 0),
  data       bytea  NOT NULL CONSTRAINT document_upload_chunks_data_nonempty CHECK (length(data) > 0),
  CONSTRAINT document_upload_chunks_pkey PRIMARY KEY (upload_id, "offset")
);

CREATE TABLE documents (
  id               uuid        CONSTRAINT documents_pkey PRIMARY KEY,
  organisation_id  text        NOT NULL CONSTRAINT documents_organisation_fkey REFERENCES organisations (id),
  application_id   uuid        CONSTRAINT documents_application_fkey REFERENCES applications (id),
  award_id         uuid        CONSTRAINT documents_award_fkey REFERENCES awards (id),
  kind             text        NOT NULL CONSTRAINT documents_kind_known CHECK (kind IN (
                     'governing_document', 'accounts', 'safeguarding_policy',
                     'bank_statement', 'evidence', 'other')),
  file_name        text        NOT NULL,
  content_type     text        NOT NULL,
  size_bytes       bigint      NOT NULL CONSTRAINT documents_size_positive CHECK (size_bytes > 0),
  sha256           bytea       NOT NULL,
  -- The bytes, unless kept in the configured directory (then NULL and
  -- stored_path names the file, by its checksum).
  content          bytea,
  stored_path      text        NOT NULL DEFAULT '',
  uploaded_by      text        NOT NULL,
  on_behalf_reason text        NOT NULL DEFAULT '',
  scanned_by       text        NOT NULL,
  created_at       timestamptz NOT NULL,
  CONSTRAINT documents_one_subject CHECK ((application_id IS NULL) <> (award_id IS NULL)),
  CONSTRAINT documents_stored_somewhere CHECK ((content IS NULL) <> (stored_path = ''))
);
CREATE INDEX documents_application_idx ON documents (application_id, created_at) WHERE application_id IS NOT NULL;
CREATE INDEX documents_award_idx ON documents (award_id, created_at) WHERE award_id IS NOT NULL;

-- Documents never change once kept: a database writer may not swap their
-- bytes or checksum (retention and erasure delete them whole).
REVOKE UPDATE ON documents FROM grants_writer;
