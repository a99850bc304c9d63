-- The organisations that list an address ($1, lower case) as a contact.
SELECT o.id, o.name FROM organisations AS o
WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(o.contacts) AS c
              WHERE lower(c ->> 'email') = $1)
ORDER BY o.name, o.id
