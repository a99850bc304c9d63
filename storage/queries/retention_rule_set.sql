-- Record class $1 is kept $2 days from now on, by $3's decision at $4.
UPDATE retention_rules
SET keep_days = $2, updated_by = $3, updated_at = micros_to_ts($4)
WHERE record_class = $1
RETURNING record_class, keep_days, minimum_days, after_event, action, what,
          updated_by, ts_to_micros(updated_at), ts_to_micros(swept_at), swept_count
