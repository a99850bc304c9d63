-- The award's life to its end (issue #18): an accepted award becomes
-- active when its first payment is paid, and completed when an officer
-- closes it once its payments are settled, its final report accepted and no
-- variation is open; completing releases what was not paid to the round.
ALTER TABLE awards DROP CONSTRAINT awards_state_known;
ALTER TABLE awards ADD CONSTRAINT awards_state_known CHECK (
  state IN ('offered', 'accepted', 'active', 'declined', 'expired', 'terminated',
            'completed'));

-- Awards paid before this migration are active already.
UPDATE awards AS a SET state = 'active'
WHERE a.state = 'accepted'
  AND EXISTS (SELECT 1 FROM payments AS p WHERE p.award_id = a.id AND p.state = 'paid');
