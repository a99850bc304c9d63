-- Up to $2 payees of payments of awards that ended before $1, and up to $2
-- decided payee changes made before $1 by groups with no live award, lose
-- their account details (amounts, dates, states stay); how many. Runs
-- inside an erasure (migration 0020 lets decided payee changes change then).
WITH payees AS (
  SELECT pp.payment_id FROM payment_payees AS pp
  JOIN payments AS p ON p.id = pp.payment_id
  JOIN awards AS a ON a.id = p.award_id
  WHERE a.state NOT IN ('offered', 'accepted', 'active')
    AND a.updated_at < micros_to_ts($1)
    AND (pp.account_name <> '' OR pp.sort_code <> '' OR pp.account_number <> '')
  ORDER BY pp.payment_id LIMIT $2
  FOR UPDATE OF pp SKIP LOCKED),
changes AS (
  SELECT c.id FROM bank_detail_changes AS c
  WHERE c.state <> 'pending'
    AND c.proposed_at < micros_to_ts($1)
    AND (c.account_name <> '' OR c.sort_code <> '' OR c.account_number <> '')
    AND NOT EXISTS (SELECT 1 FROM awards AS a
                    WHERE a.organisation_id = c.organisation_id
                      AND (a.state IN ('offered', 'accepted', 'active')
                           OR a.updated_at >= micros_to_ts($1)))
  ORDER BY c.id LIMIT $2
  FOR UPDATE OF c SKIP LOCKED),
erased_payees AS (
  UPDATE payment_payees AS pp
  SET account_name = '', sort_code = '', account_number = ''
  FROM payees WHERE pp.payment_id = payees.payment_id
  RETURNING 1),
erased_changes AS (
  UPDATE bank_detail_changes AS c
  SET account_name = '', sort_code = '', account_number = ''
  FROM changes WHERE c.id = changes.id
  RETURNING 1)
SELECT (SELECT count(*) FROM erased_payees) + (SELECT count(*) FROM erased_changes)
