INSERT INTO organisations (id, org_id, name, legal_form, currency,
                           annual_income_minor, borough_code,
                           correspondence_language, created_at, updated_at)
SELECT $1 || g, '360G-GRANTSLDN-' || $1 || g, 'Benchmark group ' || g,
       'unregistered_group', 'GBP', 500000, 'E09000030', 'en', now(), now()
FROM generate_series(1, $2::integer) AS g
ON CONFLICT ON CONSTRAINT organisations_pkey DO NOTHING
