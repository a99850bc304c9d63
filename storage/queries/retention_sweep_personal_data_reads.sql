-- Up to $2 records of reads of personal data made before $1, deleted; how
-- many.
WITH done AS (
  DELETE FROM personal_data_reads
  WHERE id IN (SELECT id FROM personal_data_reads
               WHERE read_at < micros_to_ts($1)
               ORDER BY read_at LIMIT $2
               FOR UPDATE SKIP LOCKED)
  RETURNING 1)
SELECT count(*) FROM done
