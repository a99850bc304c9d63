-- Signing out ends a grantee's session on every portal and every grantsd
-- (issue #16): the session token's SHA-256 is kept until the token would
-- have expired anyway, and grantsd refuses a token listed here.
CREATE TABLE revoked_sessions (
  token_sha256  bytea       CONSTRAINT revoked_sessions_pkey PRIMARY KEY,
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz NOT NULL
);
CREATE INDEX revoked_sessions_expires_idx ON revoked_sessions (expires_at);
