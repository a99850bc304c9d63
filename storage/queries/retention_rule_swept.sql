-- A sweep of record class $1 finished at $2, having changed $3 records.
UPDATE retention_rules
SET swept_at = micros_to_ts($2), swept_count = $3
WHERE record_class = $1
