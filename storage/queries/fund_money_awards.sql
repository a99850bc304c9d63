-- What each award of fund $1 holds (its amount less what it released; a
-- declined or expired offer nothing), has paid, and has had repaid or still
-- has owed in recoveries, with its funders' shares: one row per share.
WITH paid AS (
  SELECT p.award_id, sum(p.paid_minor)::bigint AS minor
  FROM payments AS p JOIN awards AS a ON a.id = p.award_id
  WHERE a.fund_id = $1 AND p.state = 'paid'
  GROUP BY p.award_id),
owed AS (
  SELECT r.award_id, sum(r.received_minor)::bigint AS received,
         sum(CASE WHEN r.state = 'raised' THEN r.amount_minor - r.received_minor
                  ELSE 0 END)::bigint AS outstanding
  FROM recoveries AS r JOIN awards AS a ON a.id = r.award_id
  WHERE a.fund_id = $1
  GROUP BY r.award_id)
SELECT a.id,
       CASE WHEN a.state IN ('declined', 'expired') THEN 0
            ELSE a.amount_minor - a.released_minor END,
       coalesce(paid.minor, 0), coalesce(owed.received, 0), coalesce(owed.outstanding, 0),
       s.funder_id, s.amount_minor
FROM awards AS a
JOIN award_shares AS s ON s.award_id = a.id
LEFT JOIN paid ON paid.award_id = a.id
LEFT JOIN owed ON owed.award_id = a.id
WHERE a.fund_id = $1
ORDER BY a.id, s.funder_id
