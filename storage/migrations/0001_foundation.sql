-- Foundation: idempotency keys, the audit trail, funders, funds,
-- contributions, programmes and rounds. Every constraint is named: the
-- storage layer maps violations to stable reasons by name.

-- Exact conversions between timestamptz and integer microseconds since the
-- Unix epoch, which is how the application passes instants.
CREATE FUNCTION micros_to_ts(bigint) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN timestamptz 'epoch' + $1 * interval '1 microsecond';
CREATE FUNCTION ts_to_micros(timestamptz) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN (extract(epoch FROM $1) * 1000000)::bigint;

CREATE TABLE idempotency_keys (
  actor         text        NOT NULL,
  request_id    text        NOT NULL,
  method        text        NOT NULL,
  payload_hash  bytea       NOT NULL,
  entity_id     text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT idempotency_keys_pkey PRIMARY KEY (actor, request_id)
);

-- Append-only trail. Writers insert with seq NULL and a MAC of the content;
-- the sealer assigns seq and chain_hash in commit order, one batch at a time,
-- so writers never wait on each other for the chain.
CREATE TABLE audit_events (
  id           bigserial   CONSTRAINT audit_events_pkey PRIMARY KEY,
  occurred_at  timestamptz NOT NULL,
  actor        text        NOT NULL,
  role         text        NOT NULL,
  action       text        NOT NULL,
  entity_type  text        NOT NULL,
  entity_id    text        NOT NULL,
  request_id   text        NOT NULL,
  peer         text        NOT NULL,
  summary      text        NOT NULL,
  mac          bytea       NOT NULL,
  seq          bigint      CONSTRAINT audit_events_seq_key UNIQUE,
  chain_hash   bytea
);
CREATE INDEX audit_events_unsealed_idx ON audit_events (id) WHERE seq IS NULL;
CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id, id);
CREATE INDEX audit_events_actor_idx ON audit_events (actor, id);

-- The chain's head, written only by the sealer.
CREATE TABLE audit_chain_head (
  singleton  boolean PRIMARY KEY DEFAULT true CONSTRAINT audit_chain_head_one CHECK (singleton),
  seq        bigint  NOT NULL,
  hash       bytea   NOT NULL
);
INSERT INTO audit_chain_head (seq, hash) VALUES (0, '\x'::bytea);

CREATE TABLE funders (
  id          uuid        CONSTRAINT funders_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id      text        NOT NULL CONSTRAINT funders_org_id_key UNIQUE,
  name        text        NOT NULL,
  created_at  timestamptz NOT NULL
);

CREATE TABLE funds (
  id                uuid        CONSTRAINT funds_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
  name              text        NOT NULL,
  currency          char(3)     NOT NULL,
  contributed_minor bigint      NOT NULL DEFAULT 0,
  drawn_minor       bigint      NOT NULL DEFAULT 0,
  created_at        timestamptz NOT NULL,
  CONSTRAINT funds_amounts_non_negative CHECK (contributed_minor >= 0 AND drawn_minor >= 0),
  CONSTRAINT funds_drawn_within_contributions CHECK (drawn_minor <= contributed_minor)
);

CREATE TABLE contributions (
  id           uuid        CONSTRAINT contributions_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
  fund_id      uuid        NOT NULL CONSTRAINT contributions_fund_fkey REFERENCES funds (id),
  funder_id    uuid        NOT NULL CONSTRAINT contributions_funder_fkey REFERENCES funders (id),
  amount_minor bigint      NOT NULL CONSTRAINT contributions_amount_positive CHECK (amount_minor > 0),
  note         text        NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL
);
CREATE INDEX contributions_fund_idx ON contributions (fund_id, created_at, id);
CREATE INDEX contributions_funder_idx ON contributions (funder_id, fund_id);

CREATE TABLE programmes (
  id                   uuid        CONSTRAINT programmes_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
  code                 text        NOT NULL CONSTRAINT programmes_code_key UNIQUE,
  name                 text        NOT NULL,
  description          text        NOT NULL DEFAULT '',
  fund_id              uuid        NOT NULL CONSTRAINT programmes_fund_fkey REFERENCES funds (id),
  priority_communities text[]      NOT NULL DEFAULT '{}',
  target_outcomes      text[]      NOT NULL DEFAULT '{}',
  round_count          integer     NOT NULL DEFAULT 0,
  created_at           timestamptz NOT NULL
);

CREATE TABLE rounds (
  id               uuid        CONSTRAINT rounds_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
  programme_id     uuid        NOT NULL CONSTRAINT rounds_programme_fkey REFERENCES programmes (id),
  number           integer     NOT NULL,
  name             text        NOT NULL,
  state            text        NOT NULL CONSTRAINT rounds_state_known CHECK (
                     state IN ('draft','open','closed','assessing','decided','closed_out','cancelled')),
  opens_at         timestamptz NOT NULL,
  closes_at        timestamptz NOT NULL,
  currency         char(3)     NOT NULL,
  budget_minor     bigint      NOT NULL,
  min_grant_minor  bigint      NOT NULL,
  max_grant_minor  bigint      NOT NULL,
  cancel_reason    text        NOT NULL DEFAULT '',
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  CONSTRAINT rounds_programme_number_key UNIQUE (programme_id, number),
  CONSTRAINT rounds_window_ordered CHECK (closes_at > opens_at),
  CONSTRAINT rounds_grant_limits CHECK (
    budget_minor > 0 AND min_grant_minor > 0 AND min_grant_minor <= max_grant_minor
    AND max_grant_minor <= budget_minor)
);
CREATE INDEX rounds_programme_idx ON rounds (programme_id, opens_at DESC);
