SELECT id, org_id, name, legal_form, charity_number, company_number, currency,
       annual_income_minor, borough_code, contacts::text, bank_account_name,
       bank_sort_code, bank_account_number, correspondence_language,
       ts_to_micros(created_at), ts_to_micros(updated_at)
FROM organisations
ORDER BY name, id
LIMIT $1 OFFSET $2
