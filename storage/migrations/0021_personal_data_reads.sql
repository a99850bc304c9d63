-- Who read a group's contact details or its bank details, when (issue #15):
-- every read by anyone but the group itself, kept with the group's records
-- and included in its subject-access export.
CREATE TABLE personal_data_reads (
  id              bigserial   CONSTRAINT personal_data_reads_pkey PRIMARY KEY,
  organisation_id text        NOT NULL CONSTRAINT personal_data_reads_organisation_fkey
                                REFERENCES organisations (id),
  what            text        NOT NULL CONSTRAINT personal_data_reads_what_known
                                CHECK (what IN ('contacts', 'bank_details')),
  reader          text        NOT NULL,
  reader_role     text        NOT NULL,
  method          text        NOT NULL,
  read_at         timestamptz NOT NULL
);
CREATE INDEX personal_data_reads_organisation_idx
  ON personal_data_reads (organisation_id, read_at);
