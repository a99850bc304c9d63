-- The audit trail is append-only in the database itself, and its chain is
-- keyed (issue #14).
--
-- 1. Roles. grantsd runs as a login role that is a member of grants_writer:
--    it may read and write the domain tables, but it may only INSERT audit
--    events, never UPDATE, DELETE or TRUNCATE them, and never write the
--    chain's head. Sealing goes through audit_seal() below, which runs as
--    the owner of these tables (whoever applies the migrations) and only
--    gives unsealed events their next positions. Create grants_writer
--    before migrating if the migrating role may not create roles (ops/pg.sh
--    does); see docs/audit.md.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'grants_writer') THEN
    CREATE ROLE grants_writer NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;  -- another database of the cluster created it at the same moment
END $$;

GRANT USAGE ON SCHEMA public TO grants_writer;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public
  TO grants_writer;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO grants_writer;
REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM grants_writer;
REVOKE UPDATE, DELETE ON audit_events FROM grants_writer;
REVOKE INSERT, UPDATE, DELETE ON audit_chain_head FROM grants_writer;
-- Opening a round creates its reference sequence: DDL, so it runs as the
-- owner (the new sequence is the owner's, granted below by default).
ALTER FUNCTION create_round_reference_sequence(uuid) SECURITY DEFINER
  SET search_path = public, pg_temp;
REVOKE ALL ON FUNCTION create_round_reference_sequence(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION create_round_reference_sequence(uuid)
  TO grants_writer;
-- Tables and sequences created later (by migrations, or by the function
-- above) get the same grants.
ALTER DEFAULT PRIVILEGES IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO grants_writer;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO grants_writer;

-- 2. The keyed chain. Links were SHA-256(prev || seq || mac), which anyone
--    can recompute; they are now HMACs under a key derived from the audit
--    key, over the previous link, the position, the event's id, its time and
--    its content MAC, and the head carries a MAC too. Events sealed under
--    the old links are unsealed here and sealed again, in their old order,
--    by grantsd's sealer on its next pass (within a second of starting).
ALTER TABLE audit_events ADD COLUMN legacy_seq bigint;
UPDATE audit_events SET legacy_seq = seq, seq = NULL, chain_hash = NULL;
ALTER TABLE audit_chain_head ADD COLUMN mac bytea NOT NULL DEFAULT '\x'::bytea;
UPDATE audit_chain_head SET seq = 0, hash = '\x'::bytea, mac = '\x'::bytea;
DROP INDEX audit_events_unsealed_idx;
CREATE INDEX audit_events_unsealed_idx ON audit_events (legacy_seq, id)
  WHERE seq IS NULL;

-- 3. Append-only, whoever writes. An event is inserted unsealed; the one
--    update allowed gives an unsealed event its position and link and
--    changes nothing else; nothing is deleted or truncated. The head only
--    moves forward. (The owner could drop these triggers; the keyed chain
--    and checkpoints kept elsewhere catch what that would allow.)
CREATE FUNCTION audit_events_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND NEW.seq IS NULL AND NEW.chain_hash IS NULL
     AND NEW.legacy_seq IS NULL THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
     AND NEW.chain_hash IS NOT NULL
     AND (NEW.id, NEW.occurred_at, NEW.actor, NEW.role, NEW.action,
          NEW.entity_type, NEW.entity_id, NEW.request_id, NEW.peer,
          NEW.summary, NEW.mac, NEW.legacy_seq)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.occurred_at, OLD.actor, OLD.role, OLD.action,
          OLD.entity_type, OLD.entity_id, OLD.request_id, OLD.peer,
          OLD.summary, OLD.mac, OLD.legacy_seq) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit events are append-only: % refused (constraint "audit_events_append_only")',
    TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_events_append_only
  BEFORE INSERT OR UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

CREATE FUNCTION audit_chain_head_forward() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.seq >= OLD.seq THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the audit chain head only moves forward: % refused (constraint "audit_chain_head_forward")',
    TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_chain_head_forward
  BEFORE INSERT OR UPDATE OR DELETE ON audit_chain_head
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_forward();
CREATE TRIGGER audit_chain_head_no_truncate
  BEFORE TRUNCATE ON audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_forward();

-- 4. Sealing: the only way grants_writer moves the chain. It gives events
--    that are still unsealed exactly the next positions after the head,
--    with the links grantsd computed under the key, and moves the head to
--    the last of them. It cannot touch a sealed event, skip a position or
--    move the head back.
CREATE FUNCTION audit_seal(p_ids bigint[], p_links bytea[], p_prev_seq bigint,
                           p_head_hash bytea, p_head_mac bytea)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  head_seq bigint;
  n int := coalesce(cardinality(p_ids), 0);
  sealed int;
BEGIN
  SELECT seq INTO head_seq FROM public.audit_chain_head FOR UPDATE;
  IF head_seq <> p_prev_seq THEN
    RAISE EXCEPTION 'the audit chain head moved (at %, sealer expected %)',
      head_seq, p_prev_seq USING ERRCODE = 'serialization_failure';
  END IF;
  IF n = 0 OR cardinality(p_links) <> n OR p_links[n] <> p_head_hash THEN
    RAISE EXCEPTION 'audit_seal: one link per event, the last one the head'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  UPDATE public.audit_events AS a
  SET seq = head_seq + u.i, chain_hash = u.link
  FROM unnest(p_ids, p_links) WITH ORDINALITY AS u (id, link, i)
  WHERE a.id = u.id AND a.seq IS NULL;
  GET DIAGNOSTICS sealed = ROW_COUNT;
  IF sealed <> n THEN
    RAISE EXCEPTION 'audit_seal: only unsealed events, each once, can be sealed'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  UPDATE public.audit_chain_head
  SET seq = head_seq + n, hash = p_head_hash, mac = p_head_mac;
END $$;

REVOKE ALL ON FUNCTION audit_seal(bigint[], bytea[], bigint, bytea, bytea)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_seal(bigint[], bytea[], bigint, bytea, bytea)
  TO grants_writer;
