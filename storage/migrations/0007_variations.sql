-- Award variations and termination, recoveries of paid money, replacement
-- of cancelled or failed payments, and an award's planned dates.

ALTER TABLE awards DROP CONSTRAINT awards_state_known;
ALTER TABLE awards ADD CONSTRAINT awards_state_known CHECK (
  state IN ('offered', 'accepted', 'active', 'declined', 'expired', 'terminated'));
ALTER TABLE awards
  ADD COLUMN start_date         date,
  ADD COLUMN end_date           date,
  ADD COLUMN terminated_by      text        NOT NULL DEFAULT '',
  ADD COLUMN terminated_at      timestamptz,
  ADD COLUMN termination_reason text        NOT NULL DEFAULT '',
  -- What the termination gave back to the round's budget.
  ADD COLUMN released_minor     bigint      NOT NULL DEFAULT 0,
  ADD CONSTRAINT awards_dates_ordered
    CHECK (start_date IS NULL OR end_date IS NULL OR start_date <= end_date);

-- Every proposed change of an award's amount or end date is kept; the
-- previous values record what was approved against, and the database itself
-- refuses a decision by the proposer.
CREATE TABLE award_variations (
  id                 uuid        CONSTRAINT award_variations_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
  award_id           uuid        NOT NULL CONSTRAINT award_variations_award_fkey REFERENCES awards (id),
  state              text        NOT NULL DEFAULT 'proposed' CONSTRAINT award_variations_state_known
                       CHECK (state IN ('proposed', 'approved', 'rejected', 'withdrawn')),
  currency           char(3)     NOT NULL,
  previous_minor     bigint      NOT NULL,
  new_minor          bigint      NOT NULL CONSTRAINT award_variations_amount_positive
                       CHECK (new_minor > 0),
  previous_end_date  date,
  new_end_date       date,
  reason             text        NOT NULL,
  proposed_by        text        NOT NULL,
  proposer_role      text        NOT NULL,
  proposed_at        timestamptz NOT NULL,
  decided_by         text        NOT NULL DEFAULT '',
  decided_at         timestamptz,
  decision_comment   text        NOT NULL DEFAULT '',
  seq                bigserial   NOT NULL,
  CONSTRAINT award_variations_four_eyes
    CHECK (state NOT IN ('approved', 'rejected') OR decided_by <> proposed_by)
);
CREATE UNIQUE INDEX award_variations_one_open ON award_variations (award_id)
  WHERE state = 'proposed';
CREATE INDEX award_variations_award_idx ON award_variations (award_id, seq DESC);

-- A replacement instalment names the cancelled or failed payment it
-- replaces; each is replaced at most once.
ALTER TABLE payments
  ADD COLUMN replaces uuid CONSTRAINT payments_replaces_fkey REFERENCES payments (id)
                         CONSTRAINT payments_replaces_unique UNIQUE;

-- Failed payments no longer count against the award: a failure is either
-- replaced by a new instalment or, on a terminated award, released.
CREATE OR REPLACE FUNCTION check_payments_within_award() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  award uuid := coalesce(NEW.award_id, OLD.award_id);
  total bigint;
  amount bigint;
BEGIN
  SELECT a.amount_minor INTO amount FROM awards AS a WHERE a.id = award;
  SELECT coalesce(sum(p.amount_minor), 0) INTO total
  FROM payments AS p WHERE p.award_id = award AND p.state NOT IN ('cancelled', 'failed');
  IF total > amount THEN
    RAISE EXCEPTION 'payments of award % sum to %, above % (constraint "payments_within_award")',
      award, total, amount USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;

-- Money a grantee owes back, each entry against the paid payment it
-- recovers.
CREATE TABLE recoveries (
  id             uuid        CONSTRAINT recoveries_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
  award_id       uuid        NOT NULL CONSTRAINT recoveries_award_fkey REFERENCES awards (id),
  payment_id     uuid        NOT NULL CONSTRAINT recoveries_payment_fkey REFERENCES payments (id),
  currency       char(3)     NOT NULL,
  amount_minor   bigint      NOT NULL CONSTRAINT recoveries_amount_positive CHECK (amount_minor > 0),
  reason         text        NOT NULL,
  state          text        NOT NULL DEFAULT 'raised' CONSTRAINT recoveries_state_known
                   CHECK (state IN ('raised', 'received')),
  raised_by      text        NOT NULL,
  raised_at      timestamptz NOT NULL,
  received_date  date,
  bank_reference text        NOT NULL DEFAULT '',
  received_by    text        NOT NULL DEFAULT '',
  received_at    timestamptz,
  seq            bigserial   NOT NULL
);
CREATE INDEX recoveries_award_idx ON recoveries (award_id, seq);
CREATE INDEX recoveries_queue_idx ON recoveries (state, seq DESC);

-- Backstop at commit: what is recovered from a payment never exceeds what
-- it paid.
CREATE FUNCTION check_recoveries_within_paid() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  total bigint;
  paid bigint;
BEGIN
  SELECT coalesce(p.paid_minor, 0) INTO paid FROM payments AS p WHERE p.id = NEW.payment_id;
  SELECT coalesce(sum(r.amount_minor), 0) INTO total
  FROM recoveries AS r WHERE r.payment_id = NEW.payment_id;
  IF total > paid THEN
    RAISE EXCEPTION 'recoveries of payment % sum to %, above the % paid (constraint "recoveries_within_paid")',
      NEW.payment_id, total, paid USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER recoveries_within_paid
  AFTER INSERT OR UPDATE ON recoveries
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION check_recoveries_within_paid();

-- A received recovery never changes.
CREATE FUNCTION recoveries_received_is_final() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state = 'received' THEN
    RAISE EXCEPTION 'recovery % is received and cannot change (constraint "recoveries_received_final")',
      OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER recoveries_received_final BEFORE UPDATE OR DELETE ON recoveries
  FOR EACH ROW EXECUTE FUNCTION recoveries_received_is_final();
