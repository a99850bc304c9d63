SELECT version, ts_to_micros(submitted_at), content::text, eligibility,
       failed_rules::text
FROM application_submissions
WHERE application_id = $1 AND version = $2
