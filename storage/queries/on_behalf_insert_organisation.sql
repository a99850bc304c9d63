-- An officer registered organisation $2 for the group that asked for help.
INSERT INTO acts_on_behalf (officer, organisation_id, action, entity_type,
                            entity_id, application_id, reason, request_id,
                            acted_at)
VALUES ($1, $2, $3, 'organisation', $2, NULL, $4, $5, micros_to_ts($6))
