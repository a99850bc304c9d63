-- Erasing one person (issue #15): once their address is erased nothing
-- holds it, so a second request could not tell "erased" from "never
-- known". The address's HMAC under grantsd's audit key is kept instead: it
-- answers "already erased" and reveals the address to no one without the
-- key.
CREATE TABLE erased_addresses (
  address_mac  bytea       CONSTRAINT erased_addresses_pkey PRIMARY KEY,
  person_id    text        NOT NULL DEFAULT '',
  erased_at    timestamptz NOT NULL
);

-- One audit event as a subject-access export shows it (subject_access.sql,
-- person_subject_access.sql).
CREATE FUNCTION audit_event_document(e audit_events) RETURNS jsonb
  LANGUAGE sql STABLE
  RETURN jsonb_build_object(
    'seq', e.seq, 'occurred_at', e.occurred_at, 'actor', e.actor,
    'role', e.role, 'action', e.action, 'entity_type', e.entity_type,
    'entity_id', e.entity_id, 'summary', e.summary::jsonb);
