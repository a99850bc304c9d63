-- A declared interest is never withdrawn, silently or otherwise, and a
-- payee change once confirmed is history: neither row changes or goes away.
-- (Someone who can write to the database meets this floor; the audit chain
-- records the declaration and the change besides.)
CREATE FUNCTION refuse_change_of_record() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows cannot be changed or deleted (constraint "%_stand")',
    TG_TABLE_NAME, TG_TABLE_NAME USING ERRCODE = 'check_violation';
END $$;

CREATE TRIGGER conflict_declarations_stand
  BEFORE UPDATE OR DELETE ON conflict_declarations
  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_record();

CREATE TRIGGER bank_detail_changes_stand
  BEFORE UPDATE OR DELETE ON bank_detail_changes
  FOR EACH ROW WHEN (OLD.state <> 'pending')
  EXECUTE FUNCTION refuse_change_of_record();
