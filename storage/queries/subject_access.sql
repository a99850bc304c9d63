-- Everything held about organisation $1 and its people, as one JSON
-- document (a subject-access request, issue #15): every row of every table
-- that belongs to it, whole, and the audit events about its records or by
-- its people. NULL when there is no such organisation.
WITH org AS (SELECT * FROM organisations WHERE id = $1),
apps AS (SELECT * FROM applications WHERE organisation_id = $1),
awds AS (SELECT * FROM awards WHERE organisation_id = $1),
pays AS (SELECT p.* FROM payments AS p JOIN awds ON awds.id = p.award_id),
reps AS (SELECT * FROM reports WHERE organisation_id = $1),
vars AS (SELECT v.* FROM award_variations AS v JOIN awds ON awds.id = v.award_id),
recs AS (SELECT r.* FROM recoveries AS r JOIN awds ON awds.id = r.award_id),
banks AS (SELECT * FROM bank_detail_changes WHERE organisation_id = $1),
emails AS (
  SELECT lower(c ->> 'email') AS email
  FROM org, jsonb_array_elements(org.contacts) AS c
  WHERE coalesce(c ->> 'email', '') <> ''
  UNION
  SELECT email FROM sign_in_links WHERE organisation_id = $1),
people AS (SELECT p.* FROM person_identities AS p JOIN emails USING (email)),
records AS (
  SELECT $1 AS id
  UNION ALL SELECT id::text FROM apps
  UNION ALL SELECT id::text FROM awds
  UNION ALL SELECT id::text FROM pays
  UNION ALL SELECT id::text FROM reps
  UNION ALL SELECT id::text FROM vars
  UNION ALL SELECT id::text FROM recs
  UNION ALL SELECT id::text FROM banks)
SELECT jsonb_build_object(
  'organisation', (SELECT to_jsonb(org) FROM org),
  'people', (SELECT coalesce(jsonb_agg(to_jsonb(people) ORDER BY id), '[]') FROM people),
  'applications', (SELECT coalesce(jsonb_agg(to_jsonb(apps) ORDER BY id), '[]') FROM apps),
  'application_versions', (
    SELECT coalesce(jsonb_agg(to_jsonb(s) ORDER BY s.application_id, s.version), '[]')
    FROM application_submissions AS s JOIN apps ON apps.id = s.application_id),
  'awards', (SELECT coalesce(jsonb_agg(to_jsonb(awds) ORDER BY id), '[]') FROM awds),
  'payments', (SELECT coalesce(jsonb_agg(to_jsonb(pays) ORDER BY id), '[]') FROM pays),
  'payees', (
    SELECT coalesce(jsonb_agg(to_jsonb(pp) ORDER BY pp.payment_id), '[]')
    FROM payment_payees AS pp JOIN pays ON pays.id = pp.payment_id),
  'variations', (SELECT coalesce(jsonb_agg(to_jsonb(vars) ORDER BY id), '[]') FROM vars),
  'recoveries', (SELECT coalesce(jsonb_agg(to_jsonb(recs) ORDER BY id), '[]') FROM recs),
  'reports', (SELECT coalesce(jsonb_agg(to_jsonb(reps) ORDER BY id), '[]') FROM reps),
  'bank_detail_changes', (SELECT coalesce(jsonb_agg(to_jsonb(banks) ORDER BY seq), '[]') FROM banks),
  'messages', (
    SELECT coalesce(jsonb_agg(to_jsonb(n) ORDER BY n.created_at, n.id), '[]')
    FROM notifications AS n
    WHERE n.organisation_id = $1 OR lower(n.recipient) IN (SELECT email FROM emails)),
  'reads', (
    SELECT coalesce(jsonb_agg(to_jsonb(r) ORDER BY r.id), '[]')
    FROM personal_data_reads AS r WHERE r.organisation_id = $1),
  'sign_in_links', (
    SELECT coalesce(jsonb_agg(to_jsonb(l) - 'code_sha256' ORDER BY l.created_at), '[]')
    FROM sign_in_links AS l
    WHERE l.organisation_id = $1 OR l.email IN (SELECT email FROM emails)),
  'audit_events', (
    SELECT coalesce(jsonb_agg(audit_event_document(e) ORDER BY e.id), '[]')
    FROM audit_events AS e
    WHERE e.entity_id IN (SELECT id FROM records)
       OR e.actor IN (SELECT id FROM people)))::text
FROM org
