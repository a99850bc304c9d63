INSERT INTO organisations (id, org_id, name, legal_form, charity_number,
                           company_number, currency, annual_income_minor,
                           borough_code, contacts, bank_account_name,
                           bank_sort_code, bank_account_number,
                           correspondence_language, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14,
        micros_to_ts($15), micros_to_ts($15))
RETURNING id, org_id, name, legal_form, charity_number, company_number, currency,
       annual_income_minor, borough_code, contacts::text, bank_account_name,
       bank_sort_code, bank_account_number, correspondence_language,
       ts_to_micros(created_at), ts_to_micros(updated_at)
