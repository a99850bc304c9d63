-- An accepted final report makes the award's payments due on it due today.
UPDATE payments SET released_on = $2::date, updated_at = micros_to_ts($3)
WHERE award_id = $1 AND due_kind = 'on_final_report' AND released_on IS NULL
