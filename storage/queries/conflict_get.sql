SELECT d.id, d.reviewer, coalesce(d.organisation_id, ''),
       coalesce(d.application_id::text, ''), d.note, ts_to_micros(d.declared_at)
FROM conflict_declarations AS d
WHERE d.id = $1
