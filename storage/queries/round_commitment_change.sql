UPDATE round_commitments
SET committed_minor = committed_minor + $2
WHERE round_id = $1
  AND committed_minor + $2 <= budget_minor
  AND committed_minor + $2 >= 0
RETURNING committed_minor, budget_minor
