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
