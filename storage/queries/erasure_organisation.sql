-- Organisation $1 without contacts or bank details, erased at $2. Its
-- name, legal form, registered numbers, borough and income stay.
UPDATE organisations
SET contacts = '[]', bank_account_name = '', bank_sort_code = '',
    bank_account_number = '', erased_at = micros_to_ts($2)
WHERE id = $1
