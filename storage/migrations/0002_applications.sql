-- Applications: organisations, eligibility rules and questions on rounds,
-- applications with frozen submissions, per-round reference counters and
-- deadline extensions.

ALTER TABLE rounds
  ADD COLUMN eligibility jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN questions jsonb NOT NULL DEFAULT '[]';

-- id is the identity binding: a grantee token's `org` claim.
CREATE TABLE organisations (
  id                      text        CONSTRAINT organisations_pkey PRIMARY KEY,
  org_id                  text        NOT NULL CONSTRAINT organisations_org_id_key UNIQUE,
  name                    text        NOT NULL,
  legal_form              text        NOT NULL CONSTRAINT organisations_legal_form_known CHECK (
                            legal_form IN ('registered_charity','cio','charitable_company','cic',
                                           'company_limited_by_guarantee','unregistered_group')),
  charity_number          text        NOT NULL DEFAULT '',
  company_number          text        NOT NULL DEFAULT '',
  currency                char(3)     NOT NULL DEFAULT 'GBP',
  annual_income_minor     bigint      NOT NULL DEFAULT 0
                            CONSTRAINT organisations_income_non_negative CHECK (annual_income_minor >= 0),
  borough_code            text        NOT NULL DEFAULT '',
  contacts                jsonb       NOT NULL DEFAULT '[]',
  bank_account_name       text        NOT NULL DEFAULT '',
  bank_sort_code          text        NOT NULL DEFAULT '',
  bank_account_number     text        NOT NULL DEFAULT '',
  correspondence_language text        NOT NULL DEFAULT 'en',
  created_at              timestamptz NOT NULL,
  updated_at              timestamptz NOT NULL
);

CREATE TABLE applications (
  id                 uuid        CONSTRAINT applications_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id           uuid        NOT NULL CONSTRAINT applications_round_fkey REFERENCES rounds (id),
  organisation_id    text        NOT NULL CONSTRAINT applications_organisation_fkey REFERENCES organisations (id),
  state              text        NOT NULL CONSTRAINT applications_state_known CHECK (
                       state IN ('draft','submitted','returned','withdrawn')),
  reference          text        CONSTRAINT applications_reference_key UNIQUE,
  content            jsonb       NOT NULL,
  amount_minor       bigint      NOT NULL DEFAULT 0,
  boroughs           text[]      NOT NULL DEFAULT '{}',
  communities        text[]      NOT NULL DEFAULT '{}',
  eligibility        text        NOT NULL DEFAULT '' CONSTRAINT applications_eligibility_known CHECK (
                       eligibility IN ('', 'eligible', 'ineligible')),
  submission_version integer     NOT NULL DEFAULT 0,
  returned_count     integer     NOT NULL DEFAULT 0,
  return_comment     text        NOT NULL DEFAULT '',
  withdraw_reason    text        NOT NULL DEFAULT '',
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL
);
-- At most one active (not withdrawn) application per organisation per round:
-- two browser tabs cannot make two.
CREATE UNIQUE INDEX applications_one_active_per_round
  ON applications (round_id, organisation_id) WHERE state <> 'withdrawn';
CREATE INDEX applications_round_idx ON applications (round_id, created_at DESC);
CREATE INDEX applications_organisation_idx ON applications (organisation_id, created_at DESC);

-- What was submitted, frozen: a resubmission after a return is a new version.
CREATE TABLE application_submissions (
  application_id uuid        NOT NULL CONSTRAINT application_submissions_application_fkey
                               REFERENCES applications (id),
  version        integer     NOT NULL,
  submitted_at   timestamptz NOT NULL,
  content        jsonb       NOT NULL,
  eligibility    text        NOT NULL,
  failed_rules   jsonb       NOT NULL DEFAULT '[]',
  CONSTRAINT application_submissions_pkey PRIMARY KEY (application_id, version)
);

-- Tracking-reference numbers per round come from a sequence per round:
-- nextval takes no row lock, so a deadline rush does not queue every
-- submission behind the previous one's commit. A rolled-back submission can
-- leave a gap in the numbers; references are for tracking, not accounting.
CREATE FUNCTION round_reference_sequence(round uuid) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT
  RETURN 'round_ref_' || replace(round::text, '-', '');

CREATE FUNCTION create_round_reference_sequence(round uuid) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I',
                 round_reference_sequence(round));
END $$;

CREATE FUNCTION next_round_reference(round uuid) RETURNS bigint
  LANGUAGE sql
  RETURN nextval(round_reference_sequence(round)::regclass);

CREATE TABLE extensions (
  round_id        uuid        NOT NULL CONSTRAINT extensions_round_fkey REFERENCES rounds (id),
  organisation_id text        NOT NULL CONSTRAINT extensions_organisation_fkey REFERENCES organisations (id),
  closes_at       timestamptz NOT NULL,
  reason          text        NOT NULL,
  granted_by      text        NOT NULL,
  granted_at      timestamptz NOT NULL,
  CONSTRAINT extensions_pkey PRIMARY KEY (round_id, organisation_id)
);
