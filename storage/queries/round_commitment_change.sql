-- Changes round $1's committed amount by $2 (negative releases). While the
-- round is not closed out, the commitment stays within its budget. Once it
-- is closed out, its budget follows its commitment and the difference comes
-- from, or goes back to, its programme's fund (within what the fund
-- holds). Returns the new committed amount and budget; no row, and nothing
-- changed, when a limit would be crossed.
WITH r AS (
  SELECT rd.state = 'closed_out' AS closed_out, p.fund_id
  FROM rounds AS rd JOIN programmes AS p ON p.id = rd.programme_id
  WHERE rd.id = $1::uuid),
fund AS (
  UPDATE funds AS f SET drawn_minor = f.drawn_minor + $2
  FROM r
  WHERE r.closed_out AND f.id = r.fund_id
    AND f.drawn_minor + $2 >= 0 AND f.drawn_minor + $2 <= f.contributed_minor
    AND EXISTS (SELECT 1 FROM round_commitments AS c
                WHERE c.round_id = $1::uuid AND c.committed_minor + $2 >= 0)
  RETURNING f.id)
UPDATE round_commitments AS c
SET committed_minor = c.committed_minor + $2,
    budget_minor = c.budget_minor + CASE WHEN r.closed_out THEN $2 ELSE 0 END
FROM r
WHERE c.round_id = $1::uuid
  AND c.committed_minor + $2 >= 0
  AND CASE WHEN r.closed_out THEN EXISTS (SELECT 1 FROM fund)
           ELSE c.committed_minor + $2 <= c.budget_minor END
RETURNING c.committed_minor, c.budget_minor
