-- One-time sign-in links for the grantee portal. The code travels only in
-- the email; the table keeps its SHA-256, so a copy of the database signs
-- nobody in. A link works once, until it expires.
CREATE TABLE sign_in_links (
  id              uuid        CONSTRAINT sign_in_links_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
  email           text        NOT NULL CONSTRAINT sign_in_links_email_lower CHECK (email = lower(email)),
  code_sha256     text        NOT NULL CONSTRAINT sign_in_links_code_unique UNIQUE,
  language        text        NOT NULL,
  created_at      timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  used_at         timestamptz,
  -- The organisation the person signed in for (at redemption).
  organisation_id text,
  CONSTRAINT sign_in_links_expiry_after_creation CHECK (expires_at > created_at),
  CONSTRAINT sign_in_links_used_for_one CHECK ((used_at IS NULL) = (organisation_id IS NULL))
);
CREATE INDEX sign_in_links_email_idx ON sign_in_links (email, created_at);

-- A sign-in link goes to the address typed, not to an organisation's main
-- contact: organisation_id is '' for it. Its link is removed from the
-- message once delivered.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_known;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_known CHECK (kind IN (
  'report_due_soon', 'report_due_today', 'report_overdue',
  'report_returned', 'report_accepted', 'sign_in_link'));
