-- Organisation $1's documents are removed (remove_documents) by $2 at $3,
-- an erasure; how many.
SELECT count(*) FROM remove_documents(ARRAY(
  SELECT id FROM documents WHERE organisation_id = $1), 'erasure', $2, '',
  micros_to_ts($3))
