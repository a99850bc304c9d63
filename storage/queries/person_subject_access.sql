-- Everything held about the person at address $1 (lower case), as one JSON
-- document (a subject-access request, issue #15): their identity and the
-- roles it signed in with, the groups that list them and how, their
-- sign-in links (without the codes' hashes), the messages sent to them,
-- and the audit events by or about their id. NULL when nothing is held.
WITH ident AS (SELECT * FROM person_identities WHERE email = $1),
listed AS (
  SELECT o.id AS organisation_id, o.name AS organisation_name, c AS contact
  FROM organisations AS o, jsonb_array_elements(o.contacts) AS c
  WHERE lower(c ->> 'email') = $1),
links AS (SELECT * FROM sign_in_links WHERE email = $1),
messages AS (SELECT * FROM notifications WHERE lower(recipient) = $1)
SELECT jsonb_build_object(
  'person', (SELECT to_jsonb(ident) FROM ident),
  'roles', (
    SELECT coalesce(jsonb_agg(to_jsonb(p) ORDER BY p.role), '[]')
    FROM people AS p WHERE p.subject IN (SELECT id FROM ident)),
  'listed_by', (
    SELECT coalesce(jsonb_agg(to_jsonb(listed) ORDER BY organisation_id), '[]')
    FROM listed),
  'sign_in_links', (
    SELECT coalesce(jsonb_agg(to_jsonb(l) - 'code_sha256' ORDER BY l.created_at), '[]')
    FROM links AS l),
  'messages', (
    SELECT coalesce(jsonb_agg(to_jsonb(m) ORDER BY m.created_at, m.id), '[]')
    FROM messages AS m),
  'audit_events', (
    SELECT coalesce(jsonb_agg(audit_event_document(e) ORDER BY e.id), '[]')
    FROM audit_events AS e
    WHERE e.actor IN (SELECT id FROM ident)
       OR e.entity_id IN (SELECT id FROM ident)))::text
WHERE EXISTS (SELECT 1 FROM ident) OR EXISTS (SELECT 1 FROM listed)
   OR EXISTS (SELECT 1 FROM links) OR EXISTS (SELECT 1 FROM messages)
