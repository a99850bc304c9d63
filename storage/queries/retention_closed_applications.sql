-- Up to $2 applications declined or withdrawn before $1 whose words are
-- still there, locked: id, content (JSON), and false (no grant from them
-- was published).
SELECT id, content::text, false
FROM applications
WHERE state IN ('declined', 'withdrawn') AND words_erased_at IS NULL
  AND updated_at < micros_to_ts($1)
ORDER BY updated_at, id LIMIT $2
FOR UPDATE SKIP LOCKED
