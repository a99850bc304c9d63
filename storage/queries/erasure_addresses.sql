-- The addresses of organisation $1 ($2: its contacts' addresses, lower
-- case) go from the sign-in links, the messages and the identities of
-- people no other organisation lists (their ids stay in actor columns),
-- including whoever signed in for it without being listed.
WITH links AS (
  DELETE FROM sign_in_links
  WHERE organisation_id = $1 OR email = ANY ($2::text[])
  RETURNING email),
messages AS (
  UPDATE notifications
  SET recipient = '', params = '{}'
  WHERE organisation_id = $1 OR lower(recipient) = ANY ($2::text[])
  RETURNING id)
UPDATE person_identities AS p
SET email = 'erased:' || p.id
WHERE (p.email = ANY ($2::text[]) OR p.email IN (SELECT email FROM links))
  AND NOT EXISTS (
    SELECT 1 FROM organisations AS o, jsonb_array_elements(o.contacts) AS c
    WHERE o.id <> $1 AND lower(c ->> 'email') = p.email)
