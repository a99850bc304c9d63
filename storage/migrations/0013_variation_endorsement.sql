-- Variations like awards (#13): an increase to an amount above the round's
-- microgrant threshold needs two officers, whoever proposed it. An officer
-- who proposes one is the first; otherwise (a grantee's proposal) a first
-- officer endorses it and a second decides. The database holds the rule's
-- floor: an approved variation was decided by someone other than its
-- endorser, and the endorser is not the proposer.
ALTER TABLE award_variations
  ADD COLUMN endorsed_by text NOT NULL DEFAULT '',
  ADD COLUMN endorsed_at timestamptz,
  ADD CONSTRAINT award_variations_endorser_not_proposer
    CHECK (endorsed_by = '' OR endorsed_by <> proposed_by),
  ADD CONSTRAINT award_variations_endorser_not_decider
    CHECK (endorsed_by = '' OR endorsed_by <> decided_by);
