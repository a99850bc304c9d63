-- Up to $2 people who last signed in before $1 and whose address no
-- organisation lists lose the address behind their id (the id stays in
-- every record that names them); how many.
WITH done AS (
  UPDATE person_identities SET email = 'erased:' || id
  WHERE id IN (
    SELECT p.id FROM person_identities AS p
    WHERE p.last_signed_in_at < micros_to_ts($1)
      AND p.email NOT LIKE 'erased:%'
      AND NOT EXISTS (
        SELECT 1 FROM organisations AS o, jsonb_array_elements(o.contacts) AS c
        WHERE lower(c ->> 'email') = p.email)
    ORDER BY p.last_signed_in_at LIMIT $2
    FOR UPDATE OF p SKIP LOCKED)
  RETURNING 1)
SELECT count(*) FROM done
