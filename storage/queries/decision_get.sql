SELECT outcome, approved_minor, comment, decided_by, ts_to_micros(decided_at)
FROM decisions WHERE application_id = $1
