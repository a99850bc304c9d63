-- Erasure that keeps the books (issue #15): an administrator erases a
-- group's personal data (its contacts, bank account details, what its
-- people wrote, the addresses that signed in for it) while amounts, dates,
-- states, ids and registered org-ids stay. The records that are otherwise
-- history (submitted reports, confirmed payee changes) allow exactly that
-- change, and only inside an erasure (the transaction sets
-- grants.erasure = 'on'; it is audited).
ALTER TABLE organisations ADD COLUMN erased_at timestamptz;

CREATE FUNCTION erasing() RETURNS boolean
  LANGUAGE sql STABLE
  RETURN coalesce(current_setting('grants.erasure', true), '') = 'on';

CREATE OR REPLACE FUNCTION reports_content_is_final() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND erasing()
     AND NEW.state = OLD.state
     AND NEW.people_supported = OLD.people_supported
     AND NEW.people_reached = OLD.people_reached
     AND NEW.period_start = OLD.period_start
     AND NEW.period_end = OLD.period_end THEN
    RETURN NEW;  -- an erasure: only the words change
  END IF;
  IF TG_OP = 'DELETE' OR OLD.state <> 'submitted'
     OR NEW.content IS DISTINCT FROM OLD.content
     OR NEW.people_supported <> OLD.people_supported
     OR NEW.people_reached <> OLD.people_reached
     OR NEW.period_end <> OLD.period_end THEN
    RAISE EXCEPTION 'report % cannot change (constraint "reports_final")',
      OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION bank_detail_changes_erasure_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND erasing()
     AND NEW.account_name = '' AND NEW.sort_code = '' AND NEW.account_number = ''
     AND to_jsonb(NEW) - ARRAY['account_name', 'sort_code', 'account_number']
         = to_jsonb(OLD) - ARRAY['account_name', 'sort_code', 'account_number'] THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% rows cannot be changed or deleted (constraint "%_stand")',
    TG_TABLE_NAME, TG_TABLE_NAME USING ERRCODE = 'check_violation';
END $$;

DROP TRIGGER bank_detail_changes_stand ON bank_detail_changes;
CREATE TRIGGER bank_detail_changes_stand
  BEFORE UPDATE OR DELETE ON bank_detail_changes
  FOR EACH ROW WHEN (OLD.state <> 'pending')
  EXECUTE FUNCTION bank_detail_changes_erasure_only();
