-- Up to $2 organisations, not yet erased, that never had an award, have no
-- application being assessed or decided for them, and whose own record and
-- applications last changed before $1, locked: their ids.
SELECT o.id FROM organisations AS o
WHERE o.erased_at IS NULL
  AND o.updated_at < micros_to_ts($1)
  AND NOT EXISTS (SELECT 1 FROM awards AS a WHERE a.organisation_id = o.id)
  AND NOT EXISTS (SELECT 1 FROM applications AS ap
                  WHERE ap.organisation_id = o.id
                    AND (ap.state NOT IN ('draft', 'declined', 'withdrawn')
                         OR ap.updated_at >= micros_to_ts($1)))
ORDER BY o.id LIMIT $2
FOR UPDATE OF o SKIP LOCKED
