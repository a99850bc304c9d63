-- Payment $1's payee: its organisation's bank details now (at authorisation).
INSERT INTO payment_payees (payment_id, account_name, sort_code, account_number, taken_at)
SELECT p.id, o.bank_account_name, o.bank_sort_code, o.bank_account_number, micros_to_ts($2)
FROM payments AS p JOIN awards AS a ON a.id = p.award_id
JOIN organisations AS o ON o.id = a.organisation_id
WHERE p.id = $1
ON CONFLICT (payment_id) DO UPDATE
SET account_name = EXCLUDED.account_name, sort_code = EXCLUDED.sort_code,
    account_number = EXCLUDED.account_number, taken_at = EXCLUDED.taken_at
