UPDATE organisations
SET org_id = $2, name = $3, legal_form = $4, charity_number = $5,
    company_number = $6, currency = $7, annual_income_minor = $8,
    borough_code = $9, contacts = $10::jsonb, bank_account_name = $11,
    bank_sort_code = $12, bank_account_number = $13,
    correspondence_language = $14, updated_at = micros_to_ts($15)
WHERE id = $1
RETURNING id, org_id, name, legal_form, charity_number, company_number, currency,
       annual_income_minor, borough_code, contacts::text, bank_account_name,
       bank_sort_code, bank_account_number, correspondence_language,
       ts_to_micros(created_at), ts_to_micros(updated_at)
