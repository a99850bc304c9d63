INSERT INTO conflict_declarations AS d (reviewer, organisation_id,
                                        application_id, note, declared_at)
VALUES ($1, NULLIF($2, ''), NULLIF($3, '')::uuid, $4, micros_to_ts($5))
RETURNING d.id, d.reviewer, coalesce(d.organisation_id, ''),
          coalesce(d.application_id::text, ''), d.note,
          ts_to_micros(d.declared_at)
