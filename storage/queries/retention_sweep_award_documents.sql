-- Up to $2 documents of awards that ended before $1, and of those awards'
-- applications (none of whose awards is live or ended since), are removed
-- (remove_documents); how many.
SELECT count(*) FROM remove_documents(ARRAY(
  SELECT d.id FROM documents AS d
  WHERE EXISTS (SELECT 1 FROM awards AS w
                WHERE w.id = d.award_id OR w.application_id = d.application_id)
    AND NOT EXISTS (SELECT 1 FROM awards AS w
                    WHERE (w.id = d.award_id OR w.application_id = d.application_id)
                      AND (w.state IN ('offered', 'accepted', 'active')
                           OR w.updated_at >= micros_to_ts($1)))
  ORDER BY d.id LIMIT $2), 'retention', 'grantsd-retention', '', now())
