-- Recoveries are reminded like reports (issue #18 item 4): the grantee hears
-- in the week before a recovery falls due and once it is overdue, once each.
-- The CHECK is rebuilt from whatever kinds it allows now, plus ours, so this
-- migration composes with others that extend the same list.
DO $$
DECLARE
  kinds text[];
BEGIN
  SELECT array_agg(DISTINCT m[1] ORDER BY m[1]) INTO kinds
  FROM pg_constraint AS c,
       regexp_matches(pg_get_constraintdef(c.oid), '''([a-z_]+)''', 'g') AS m
  WHERE c.conname = 'notifications_kind_known'
    AND c.conrelid = 'notifications'::regclass;
  kinds := ARRAY(SELECT DISTINCT unnest(kinds || ARRAY['recovery_due_soon', 'recovery_overdue'])
                 ORDER BY 1);
  ALTER TABLE notifications DROP CONSTRAINT notifications_kind_known;
  EXECUTE format('ALTER TABLE notifications ADD CONSTRAINT notifications_kind_known '
                 'CHECK (kind = ANY (%L::text[]))', kinds);
END $$;
