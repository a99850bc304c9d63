-- One act of an officer for an organisation, tied to the application it
-- serves (an award's or a report's, through the award); that application.
INSERT INTO acts_on_behalf (officer, organisation_id, action, entity_type,
                            entity_id, application_id, reason, request_id,
                            acted_at)
VALUES ($1, $2, $3, $4, $5::uuid,
        CASE $4
          WHEN 'application' THEN $5::uuid
          WHEN 'award' THEN (SELECT w.application_id FROM awards AS w
                             WHERE w.id = $5::uuid)
          WHEN 'report' THEN (SELECT w.application_id FROM reports AS r
                              JOIN awards AS w ON w.id = r.award_id
                              WHERE r.id = $5::uuid)
        END,
        $6, $7, micros_to_ts($8))
RETURNING coalesce(application_id::text, '')
