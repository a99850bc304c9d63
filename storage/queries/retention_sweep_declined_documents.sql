-- Up to $2 documents of applications declined or withdrawn before $1 are
-- removed (remove_documents); how many.
SELECT count(*) FROM remove_documents(ARRAY(
  SELECT d.id FROM documents AS d
  JOIN applications AS a ON a.id = d.application_id
  WHERE a.state IN ('declined', 'withdrawn') AND a.updated_at < micros_to_ts($1)
  ORDER BY d.id LIMIT $2), 'retention', 'grantsd-retention', '', now())
