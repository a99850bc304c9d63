-- Up to $2 reports of awards that ended before $1 whose words are still
-- there, locked: id, content (JSON).
SELECT r.id, r.content::text
FROM reports AS r JOIN awards AS a ON a.id = r.award_id
WHERE r.words_erased_at IS NULL
  AND a.state NOT IN ('offered', 'accepted', 'active')
  AND a.updated_at < micros_to_ts($1)
ORDER BY r.id LIMIT $2
FOR UPDATE OF r SKIP LOCKED
