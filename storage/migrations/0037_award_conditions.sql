-- Conditions that gate payment (issue #18): each condition of an offer is
-- an item the group meets (a statement, documents) and an officer signs
-- off; an instalment due "on conditions" falls due (released_on) when the
-- last one is signed off.
CREATE TABLE award_conditions (
  id               uuid        CONSTRAINT award_conditions_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
  award_id         uuid        NOT NULL CONSTRAINT award_conditions_award_fkey REFERENCES awards (id),
  number           int         NOT NULL,
  text             text        NOT NULL,
  state            text        NOT NULL DEFAULT 'open' CONSTRAINT award_conditions_state_known
                     CHECK (state IN ('open', 'met', 'signed_off')),
  statement        text        NOT NULL DEFAULT '',
  document_ids     uuid[]      NOT NULL DEFAULT '{}',
  met_by           text        NOT NULL DEFAULT '',
  met_at           timestamptz,
  on_behalf_reason text        NOT NULL DEFAULT '',
  signed_off_by    text        NOT NULL DEFAULT '',
  signed_off_at    timestamptz,
  return_comment   text        NOT NULL DEFAULT '',
  CONSTRAINT award_conditions_number_key UNIQUE (award_id, number),
  -- Four eyes: whoever met a condition (an officer acting for the group)
  -- does not sign it off.
  CONSTRAINT award_conditions_four_eyes CHECK (state <> 'signed_off' OR signed_off_by <> met_by),
  CONSTRAINT award_conditions_met_with_something CHECK (
    state = 'open' OR statement <> '' OR cardinality(document_ids) > 0)
);

-- Every offer's conditions become items as the award is written, whichever
-- code path offers it.
CREATE FUNCTION award_conditions_from_offer() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO award_conditions (award_id, number, text)
  SELECT NEW.id, ord, c FROM unnest(NEW.conditions) WITH ORDINALITY AS t(c, ord);
  RETURN NEW;
END $$;
CREATE TRIGGER awards_conditions_items AFTER INSERT ON awards
  FOR EACH ROW EXECUTE FUNCTION award_conditions_from_offer();

-- Awards offered before: an open offer's conditions wait to be met; those
-- of awards already accepted or ended gated nothing and stay signed off.
INSERT INTO award_conditions (award_id, number, text, state, statement, met_by,
                              met_at, signed_off_by, signed_off_at)
SELECT a.id, ord, c,
       CASE WHEN a.state = 'offered' THEN 'open' ELSE 'signed_off' END,
       CASE WHEN a.state = 'offered' THEN '' ELSE 'accepted before conditions were items' END,
       CASE WHEN a.state = 'offered' THEN '' ELSE 'migration 0037' END,
       CASE WHEN a.state = 'offered' THEN NULL ELSE now() END,
       CASE WHEN a.state = 'offered' THEN '' ELSE 'migration 0037 (signed off)' END,
       CASE WHEN a.state = 'offered' THEN NULL ELSE now() END
FROM awards AS a, unnest(a.conditions) WITH ORDINALITY AS t(c, ord);

ALTER TABLE payments DROP CONSTRAINT payments_due_kind_known;
ALTER TABLE payments ADD CONSTRAINT payments_due_kind_known
  CHECK (due_kind IN ('on_acceptance', 'on_date', 'on_final_report', 'on_conditions'));
