-- The rule of record class $1, locked for a change of its period.
SELECT record_class, keep_days, minimum_days, after_event, action, what,
       updated_by, ts_to_micros(updated_at), ts_to_micros(swept_at), swept_count
FROM retention_rules
WHERE record_class = $1
FOR UPDATE
