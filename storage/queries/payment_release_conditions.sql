-- Every condition of award $1 signed off: its payments due on conditions
-- are due from today.
UPDATE payments SET released_on = $2::date, updated_at = micros_to_ts($3)
WHERE award_id = $1 AND due_kind = 'on_conditions' AND released_on IS NULL
