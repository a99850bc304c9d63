-- Payments: instalments of accepted awards, four-eyes authorisation within
-- per-officer limits, finance instructions and remittances, and the
-- reconciliation work-queue.

CREATE TABLE payments (
  id              uuid        CONSTRAINT payments_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
  award_id        uuid        NOT NULL CONSTRAINT payments_award_fkey REFERENCES awards (id),
  instalment      integer     NOT NULL,
  currency        char(3)     NOT NULL,
  amount_minor    bigint      NOT NULL CONSTRAINT payments_amount_positive CHECK (amount_minor > 0),
  due_kind        text        NOT NULL CONSTRAINT payments_due_kind_known
                    CHECK (due_kind IN ('on_acceptance', 'on_date', 'on_final_report')),
  due_date        date,
  state           text        NOT NULL DEFAULT 'scheduled' CONSTRAINT payments_state_known CHECK (
                    state IN ('scheduled', 'requested', 'authorised', 'instructed', 'paid',
                              'failed', 'cancelled')),
  requested_by    text        NOT NULL DEFAULT '',
  requested_at    timestamptz,
  authorised_by   text        NOT NULL DEFAULT '',
  authorised_at   timestamptz,
  instruction_id  uuid        CONSTRAINT payments_instruction_unique UNIQUE,
  acknowledged_at timestamptz,
  paid_minor      bigint,
  paid_date       date,
  bank_reference  text        NOT NULL DEFAULT '',
  created_by      text        NOT NULL,
  updated_at      timestamptz NOT NULL,
  CONSTRAINT payments_instalment_unique UNIQUE (award_id, instalment),
  CONSTRAINT payments_due_date_given CHECK ((due_kind = 'on_date') = (due_date IS NOT NULL)),
  CONSTRAINT payments_four_eyes CHECK (authorised_by = '' OR authorised_by <> requested_by),
  CONSTRAINT payments_paid_exactly CHECK (state <> 'paid' OR paid_minor = amount_minor)
);
CREATE INDEX payments_instructions_idx ON payments (authorised_at, id) WHERE state = 'authorised';

-- A paid payment never changes and is never deleted.
CREATE FUNCTION payments_paid_is_final() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state = 'paid' THEN
    RAISE EXCEPTION 'payment % is paid and cannot change (constraint "payments_paid_final")',
      OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER payments_paid_final BEFORE UPDATE OR DELETE ON payments
  FOR EACH ROW EXECUTE FUNCTION payments_paid_is_final();

-- Backstop at commit: an award's payments (cancelled ones aside) never
-- exceed it.
CREATE FUNCTION check_payments_within_award() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  award uuid := coalesce(NEW.award_id, OLD.award_id);
  total bigint;
  amount bigint;
BEGIN
  SELECT a.amount_minor INTO amount FROM awards AS a WHERE a.id = award;
  SELECT coalesce(sum(p.amount_minor), 0) INTO total
  FROM payments AS p WHERE p.award_id = award AND p.state <> 'cancelled';
  IF total > amount THEN
    RAISE EXCEPTION 'payments of award % sum to %, above % (constraint "payments_within_award")',
      award, total, amount USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER payments_within_award
  AFTER INSERT OR UPDATE OR DELETE ON payments
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION check_payments_within_award();

-- How much one officer may authorise in one payment.
CREATE TABLE authorisation_limits (
  officer     text        CONSTRAINT authorisation_limits_pkey PRIMARY KEY,
  currency    char(3)     NOT NULL,
  limit_minor bigint      NOT NULL CONSTRAINT authorisation_limits_non_negative
                CHECK (limit_minor >= 0),
  set_by      text        NOT NULL,
  set_at      timestamptz NOT NULL
);

-- Remittances that were not applied, for officers to resolve. Written in
-- its own transaction, as the remittance itself is refused.
CREATE TABLE reconciliation_items (
  id              uuid        CONSTRAINT reconciliation_items_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
  reason          text        NOT NULL CONSTRAINT reconciliation_items_reason_known
                    CHECK (reason IN ('unknown_instruction', 'amount_mismatch', 'duplicate')),
  instruction_id  text        NOT NULL,
  payment_id      uuid        CONSTRAINT reconciliation_items_payment_fkey REFERENCES payments (id),
  currency        text        NOT NULL,
  paid_minor      bigint      NOT NULL,
  paid_date       text        NOT NULL,
  bank_reference  text        NOT NULL,
  reported_by     text        NOT NULL,
  reported_at     timestamptz NOT NULL,
  resolved        boolean     NOT NULL DEFAULT false,
  resolution_note text        NOT NULL DEFAULT '',
  resolved_by     text        NOT NULL DEFAULT '',
  resolved_at     timestamptz,
  seq             bigserial   NOT NULL
);
CREATE INDEX reconciliation_items_queue_idx ON reconciliation_items (resolved, seq);
