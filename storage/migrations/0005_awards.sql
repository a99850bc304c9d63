-- Awards: four-eyes recommendations and decisions, per-round award settings
-- and budget commitment, award offers, and their attribution to the pooled
-- fund's funders.

-- Applications gain the decided states. The CHECK is rebuilt from whatever
-- states it allows now (another area may have added some), plus ours, so
-- this migration composes with others that extend the same list.
DO $$
DECLARE
  states text[];
BEGIN
  SELECT array_agg(DISTINCT m[1] ORDER BY m[1]) INTO states
  FROM pg_constraint AS c,
       regexp_matches(pg_get_constraintdef(c.oid), '''([a-z_]+)''', 'g') AS m
  WHERE c.conname = 'applications_state_known'
    AND c.conrelid = 'applications'::regclass;
  states := ARRAY(SELECT DISTINCT unnest(states || ARRAY['approved', 'declined'])
                  ORDER BY 1);
  ALTER TABLE applications DROP CONSTRAINT applications_state_known;
  EXECUTE format('ALTER TABLE applications ADD CONSTRAINT applications_state_known '
                 'CHECK (state = ANY (%L::text[]))', states);
END $$;

-- Light path and offer defaults, per round. A round without a row uses the
-- defaults (no light path, offers valid 30 days).
CREATE TABLE round_award_settings (
  round_id                   uuid        CONSTRAINT round_award_settings_pkey PRIMARY KEY
                               CONSTRAINT round_award_settings_round_fkey REFERENCES rounds (id),
  microgrant_threshold_minor bigint      NOT NULL DEFAULT 0
                               CONSTRAINT round_award_settings_threshold_non_negative
                               CHECK (microgrant_threshold_minor >= 0),
  offer_validity_days        integer     NOT NULL DEFAULT 30
                               CONSTRAINT round_award_settings_validity_range
                               CHECK (offer_validity_days BETWEEN 1 AND 365),
  updated_by                 text        NOT NULL,
  updated_at                 timestamptz NOT NULL
);

-- What a round has committed (offered + accepted + active awards) against its
-- budget, changed only by one conditional UPDATE per offer or release. The
-- budget is copied from the round when the row is made; awards are offered
-- only in closed rounds, whose budget no longer changes.
CREATE TABLE round_commitments (
  round_id        uuid   CONSTRAINT round_commitments_pkey PRIMARY KEY
                    CONSTRAINT round_commitments_round_fkey REFERENCES rounds (id),
  budget_minor    bigint NOT NULL,
  committed_minor bigint NOT NULL DEFAULT 0,
  CONSTRAINT round_commitments_within_budget
    CHECK (committed_minor >= 0 AND committed_minor <= budget_minor)
);

-- Every recommendation is kept; an application's latest is the standing one.
CREATE TABLE recommendations (
  id                 uuid        CONSTRAINT recommendations_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id     uuid        NOT NULL CONSTRAINT recommendations_application_fkey
                                   REFERENCES applications (id),
  outcome            text        NOT NULL CONSTRAINT recommendations_outcome_known
                                   CHECK (outcome IN ('approve', 'decline')),
  amount_minor       bigint      NOT NULL CONSTRAINT recommendations_amount_non_negative
                                   CHECK (amount_minor >= 0),
  reason             text        NOT NULL DEFAULT '',
  submission_version integer     NOT NULL,
  recommended_by     text        NOT NULL,
  recommender_role   text        NOT NULL,
  recommended_at     timestamptz NOT NULL,
  seq                bigserial   NOT NULL
);
CREATE INDEX recommendations_application_idx ON recommendations (application_id, seq DESC);

-- One decision per application; the recommender's name is kept beside the
-- decider's so the database itself refuses a decision by the recommender.
CREATE TABLE decisions (
  application_id    uuid        CONSTRAINT decisions_pkey PRIMARY KEY
                                  CONSTRAINT decisions_application_fkey REFERENCES applications (id),
  recommendation_id uuid        NOT NULL CONSTRAINT decisions_recommendation_fkey
                                  REFERENCES recommendations (id),
  outcome           text        NOT NULL CONSTRAINT decisions_outcome_known
                                  CHECK (outcome IN ('approve', 'decline')),
  approved_minor    bigint      NOT NULL DEFAULT 0,
  comment           text        NOT NULL DEFAULT '',
  recommended_by    text        NOT NULL,
  decided_by        text        NOT NULL,
  decided_at        timestamptz NOT NULL,
  CONSTRAINT decisions_four_eyes CHECK (decided_by <> recommended_by),
  CONSTRAINT decisions_approved_amount CHECK (
    (outcome = 'approve' AND approved_minor > 0) OR (outcome = 'decline' AND approved_minor = 0))
);

CREATE TABLE awards (
  id              uuid        CONSTRAINT awards_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id  uuid        NOT NULL CONSTRAINT awards_decision_fkey REFERENCES decisions (application_id),
  round_id        uuid        NOT NULL CONSTRAINT awards_round_fkey REFERENCES rounds (id),
  organisation_id text        NOT NULL CONSTRAINT awards_organisation_fkey REFERENCES organisations (id),
  fund_id         uuid        NOT NULL CONSTRAINT awards_fund_fkey REFERENCES funds (id),
  currency        char(3)     NOT NULL,
  amount_minor    bigint      NOT NULL CONSTRAINT awards_amount_positive CHECK (amount_minor > 0),
  conditions      text[]      NOT NULL DEFAULT '{}',
  state           text        NOT NULL CONSTRAINT awards_state_known CHECK (
                    state IN ('offered', 'accepted', 'active', 'declined', 'expired')),
  expires_at      timestamptz NOT NULL,
  offered_by      text        NOT NULL,
  offered_at      timestamptz NOT NULL,
  responded_by    text        NOT NULL DEFAULT '',
  responded_at    timestamptz,
  decline_reason  text        NOT NULL DEFAULT '',
  attribution     text        NOT NULL DEFAULT 'pro_rata' CONSTRAINT awards_attribution_known
                    CHECK (attribution IN ('pro_rata', 'explicit')),
  updated_at      timestamptz NOT NULL
);
-- At most one live award per application; a new offer may follow a
-- declined or expired one.
CREATE UNIQUE INDEX awards_one_live_per_application
  ON awards (application_id) WHERE state IN ('offered', 'accepted', 'active');
CREATE INDEX awards_round_idx ON awards (round_id, offered_at DESC, id);
CREATE INDEX awards_organisation_idx ON awards (organisation_id, offered_at DESC, id);
CREATE INDEX awards_offered_expiry_idx ON awards (expires_at) WHERE state = 'offered';

CREATE TABLE award_shares (
  award_id     uuid   NOT NULL CONSTRAINT award_shares_award_fkey REFERENCES awards (id),
  funder_id    uuid   NOT NULL CONSTRAINT award_shares_funder_fkey REFERENCES funders (id),
  amount_minor bigint NOT NULL CONSTRAINT award_shares_amount_non_negative CHECK (amount_minor >= 0),
  CONSTRAINT award_shares_pkey PRIMARY KEY (award_id, funder_id)
);

-- Backstop at commit: an award's shares sum exactly to its amount.
CREATE FUNCTION check_award_shares_sum() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  award uuid := coalesce(NEW.award_id, OLD.award_id);
  total bigint;
  amount bigint;
BEGIN
  SELECT a.amount_minor, coalesce(sum(s.amount_minor), 0) INTO amount, total
  FROM awards AS a LEFT JOIN award_shares AS s ON s.award_id = a.id
  WHERE a.id = award GROUP BY a.amount_minor;
  IF total <> amount THEN
    RAISE EXCEPTION 'shares of award % sum to %, not % (constraint "award_shares_sum_to_award")',
      award, total, amount USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER award_shares_sum_to_award
  AFTER INSERT OR UPDATE OR DELETE ON award_shares
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION check_award_shares_sum();

-- A sweep of expired offers (ExpireOffers), kept so a retry with the same
-- request id gets the same answer.
CREATE TABLE award_expiry_runs (
  id        uuid        CONSTRAINT award_expiry_runs_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id  uuid        CONSTRAINT award_expiry_runs_round_fkey REFERENCES rounds (id),
  award_ids uuid[]      NOT NULL,
  run_by    text        NOT NULL,
  run_at    timestamptz NOT NULL
);
