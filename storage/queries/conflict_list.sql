-- Person $1's declared interests, newest first.
SELECT d.id, d.reviewer, coalesce(d.organisation_id, ''),
       coalesce(d.application_id::text, ''), d.note, ts_to_micros(d.declared_at)
FROM conflict_declarations AS d
WHERE d.reviewer = $1
ORDER BY d.declared_at DESC, d.id
