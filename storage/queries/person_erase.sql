-- Erases the person at address $1 (lower case): they leave every group's
-- contacts (the groups' other contacts stay, in order), their sign-in links
-- go, the messages sent to them lose the address and their parameters, and
-- the address behind their person id is erased (the id stays in the
-- records that name it). $2 is the address's MAC (hex), kept in erased_addresses
-- with $3, the time. Returns the person's id ('' if they never signed in),
-- the groups that listed them, how many links and messages changed, and
-- whether anything was held (then the tombstone is written).
WITH listed AS (
  UPDATE organisations AS o
  SET contacts = coalesce(
    (SELECT jsonb_agg(c.value ORDER BY c.n)
     FROM jsonb_array_elements(o.contacts) WITH ORDINALITY AS c (value, n)
     WHERE lower(coalesce(c.value ->> 'email', '')) <> $1), '[]')
  WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(o.contacts) AS c
                WHERE lower(c ->> 'email') = $1)
  RETURNING o.id),
links AS (DELETE FROM sign_in_links WHERE email = $1 RETURNING id),
messages AS (
  UPDATE notifications SET recipient = '', params = '{}'
  WHERE lower(recipient) = $1
  RETURNING id),
person AS (
  UPDATE person_identities SET email = 'erased:' || id
  WHERE email = $1
  RETURNING id),
tombstone AS (
  INSERT INTO erased_addresses (address_mac, person_id, erased_at)
  SELECT decode($2, 'hex'), coalesce((SELECT id FROM person), ''), micros_to_ts($3)
  WHERE EXISTS (SELECT 1 FROM person) OR EXISTS (SELECT 1 FROM listed)
     OR EXISTS (SELECT 1 FROM links) OR EXISTS (SELECT 1 FROM messages)
  ON CONFLICT (address_mac) DO UPDATE
    SET person_id = EXCLUDED.person_id, erased_at = EXCLUDED.erased_at
  RETURNING 1)
SELECT coalesce((SELECT id FROM person), ''),
       coalesce((SELECT array_agg(id ORDER BY id) FROM listed), '{}'),
       (SELECT count(*) FROM links) + (SELECT count(*) FROM messages),
       (SELECT count(*) FROM tombstone)
