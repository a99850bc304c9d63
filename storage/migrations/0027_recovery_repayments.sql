-- Underspend and recovery (issue #18 item 4): a recovery may be raised on a
-- running or completed award, not only by termination; it is repaid in
-- parts, each part its own receipt; what is still owed may be written off
-- by an officer who did not raise it; and repaid money goes back to the
-- award's round (or, once the round is closed out, to its fund).

ALTER TABLE recoveries DROP CONSTRAINT recoveries_state_known;
ALTER TABLE recoveries
  ADD CONSTRAINT recoveries_state_known
    CHECK (state IN ('raised', 'received', 'written_off')),
  -- The sum of the receipts, kept beside them by the statement that adds one.
  ADD COLUMN received_minor    bigint      NOT NULL DEFAULT 0,
  ADD COLUMN due_date          date,
  ADD COLUMN written_off_by    text        NOT NULL DEFAULT '',
  ADD COLUMN written_off_at    timestamptz,
  ADD COLUMN write_off_reason  text        NOT NULL DEFAULT '',
  ADD COLUMN written_off_minor bigint      NOT NULL DEFAULT 0;

-- Recoveries received before this migration were received in full (the
-- trigger that keeps them final stands aside for this one change).
ALTER TABLE recoveries DISABLE TRIGGER recoveries_received_final;
UPDATE recoveries SET received_minor = amount_minor WHERE state = 'received';
UPDATE recoveries SET due_date = (raised_at AT TIME ZONE 'Europe/London')::date + 28;
ALTER TABLE recoveries ENABLE TRIGGER recoveries_received_final;
ALTER TABLE recoveries ALTER COLUMN due_date SET NOT NULL;

ALTER TABLE recoveries
  ADD CONSTRAINT recoveries_received_within_amount
    CHECK (received_minor >= 0 AND received_minor <= amount_minor),
  ADD CONSTRAINT recoveries_received_in_full
    CHECK ((state = 'received') = (received_minor = amount_minor)),
  ADD CONSTRAINT recoveries_written_off_rest CHECK (
    (state = 'written_off') = (written_off_by <> '')
    AND written_off_minor = CASE WHEN state = 'written_off'
                                 THEN amount_minor - received_minor ELSE 0 END),
  -- Four eyes: the database itself refuses a write-off by the raiser.
  ADD CONSTRAINT recoveries_write_off_four_eyes
    CHECK (written_off_by = '' OR written_off_by <> raised_by);

-- Each repayment of a recovery; a bank reference once per recovery.
CREATE TABLE recovery_receipts (
  id             uuid        CONSTRAINT recovery_receipts_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
  recovery_id    uuid        NOT NULL CONSTRAINT recovery_receipts_recovery_fkey
                               REFERENCES recoveries (id),
  currency       char(3)     NOT NULL,
  amount_minor   bigint      NOT NULL CONSTRAINT recovery_receipts_amount_positive
                               CHECK (amount_minor > 0),
  received_date  date        NOT NULL,
  bank_reference text        NOT NULL,
  received_by    text        NOT NULL,
  received_at    timestamptz NOT NULL,
  seq            bigserial   NOT NULL,
  CONSTRAINT recovery_receipts_reference_unique UNIQUE (recovery_id, bank_reference)
);
CREATE INDEX recovery_receipts_recovery_idx ON recovery_receipts (recovery_id, seq);

INSERT INTO recovery_receipts (recovery_id, currency, amount_minor, received_date,
                               bank_reference, received_by, received_at)
SELECT id, currency, amount_minor, received_date, bank_reference, received_by, received_at
FROM recoveries WHERE state = 'received';

-- Received and written-off recoveries never change.
CREATE OR REPLACE FUNCTION recoveries_received_is_final() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state IN ('received', 'written_off') THEN
    RAISE EXCEPTION 'recovery % is % and cannot change (constraint "recoveries_received_final")',
      OLD.id, OLD.state USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

-- A receipt is never edited or deleted.
CREATE FUNCTION recovery_receipts_are_final() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'recovery receipt % cannot change (constraint "recovery_receipts_final")',
    OLD.id USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER recovery_receipts_final BEFORE UPDATE OR DELETE ON recovery_receipts
  FOR EACH ROW EXECUTE FUNCTION recovery_receipts_are_final();

-- Backstop at commit: a recovery's receipts sum to what it says it received.
CREATE FUNCTION check_recovery_receipts_sum() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  total bigint;
  kept bigint;
BEGIN
  SELECT r.received_minor INTO kept FROM recoveries AS r WHERE r.id = NEW.recovery_id;
  SELECT coalesce(sum(x.amount_minor), 0) INTO total
  FROM recovery_receipts AS x WHERE x.recovery_id = NEW.recovery_id;
  IF total <> kept THEN
    RAISE EXCEPTION 'receipts of recovery % sum to %, not % (constraint "recovery_receipts_sum")',
      NEW.recovery_id, total, kept USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER recovery_receipts_sum
  AFTER INSERT ON recovery_receipts
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION check_recovery_receipts_sum();

-- Money received before this migration gave nothing back; it does now, as
-- every receipt will: to the round's budget, or for a closed-out round to
-- its fund (whose budget follows its commitment).
WITH back AS (
  SELECT a.round_id, sum(r.received_minor)::bigint AS minor
  FROM recoveries AS r JOIN awards AS a ON a.id = r.award_id
  WHERE r.received_minor > 0
  GROUP BY a.round_id),
fund AS (
  UPDATE funds AS f SET drawn_minor = f.drawn_minor - t.minor
  FROM (SELECT p.fund_id, sum(b.minor)::bigint AS minor
        FROM back AS b JOIN rounds AS rd ON rd.id = b.round_id AND rd.state = 'closed_out'
        JOIN programmes AS p ON p.id = rd.programme_id
        GROUP BY p.fund_id) AS t
  WHERE f.id = t.fund_id
  RETURNING f.id)
UPDATE round_commitments AS c
SET committed_minor = c.committed_minor - b.minor,
    budget_minor = c.budget_minor - CASE WHEN rd.state = 'closed_out' THEN b.minor ELSE 0 END
FROM back AS b JOIN rounds AS rd ON rd.id = b.round_id
WHERE c.round_id = b.round_id;

CREATE INDEX recoveries_due_idx ON recoveries (due_date) WHERE state = 'raised';
