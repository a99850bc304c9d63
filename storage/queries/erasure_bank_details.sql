-- The account details of organisation $1's payee changes and of the payees
-- its payments were made to (amounts, dates and states stay).
WITH changes AS (
  UPDATE bank_detail_changes
  SET account_name = '', sort_code = '', account_number = ''
  WHERE organisation_id = $1
  RETURNING id)
UPDATE payment_payees AS pp
SET account_name = '', sort_code = '', account_number = ''
FROM payments AS p JOIN awards AS a ON a.id = p.award_id
WHERE pp.payment_id = p.id AND a.organisation_id = $1
