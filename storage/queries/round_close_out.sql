-- Round $1's budget becomes what it has committed; returns the committed
-- amount and what the budget was (the difference goes back to the fund).
UPDATE round_commitments AS c
SET budget_minor = c.committed_minor
FROM (SELECT budget_minor FROM round_commitments WHERE round_id = $1::uuid
      FOR UPDATE) AS before
WHERE c.round_id = $1::uuid
RETURNING c.committed_minor, before.budget_minor
