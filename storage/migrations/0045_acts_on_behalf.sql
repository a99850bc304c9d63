-- Acting on behalf (issue #17 item 4): an officer creates, fills and
-- submits an application, accepts an offer or submits a report for a group
-- that asked for help, with a reason ("applied by phone through an
-- interpreter"). Each act is a row here, written in the transaction of the
-- change; the audit event names the officer and the organisation and only
-- the reason's length (the words may name people, and erasure reaches
-- them here). application_id ties every act to the application it serves,
-- so the four-eyes checks find the officer involved in it.
CREATE TABLE acts_on_behalf (
  id              uuid        CONSTRAINT acts_on_behalf_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The order of the acts (several may share an instant).
  seq             bigint      GENERATED ALWAYS AS IDENTITY,
  officer         text        NOT NULL,
  organisation_id text        NOT NULL CONSTRAINT acts_on_behalf_organisation_fkey
                                REFERENCES organisations (id),
  action          text        NOT NULL,
  entity_type     text        NOT NULL CONSTRAINT acts_on_behalf_entity_known CHECK (
                                entity_type IN ('application', 'award', 'report')),
  entity_id       uuid        NOT NULL,
  application_id  uuid        CONSTRAINT acts_on_behalf_application_fkey
                                REFERENCES applications (id),
  reason          text        NOT NULL CONSTRAINT acts_on_behalf_reason_length CHECK (
                                char_length(reason) BETWEEN 1 AND 500),
  request_id      text        NOT NULL,
  acted_at        timestamptz NOT NULL
);
CREATE INDEX acts_on_behalf_application_idx ON acts_on_behalf (application_id, officer);
