-- The people grantsd has seen (#13): a token subject and the role it signed
-- in with, from its first verified token. Powers are granted only to people
-- known in that role: an administrator cannot set a limit for a subject that
-- never signed in as an officer (a typo, or someone invented). Opaque ids
-- only, like every actor column.
CREATE TABLE people (
  subject    text        NOT NULL,
  role       text        NOT NULL,
  first_seen timestamptz NOT NULL,
  CONSTRAINT people_pkey PRIMARY KEY (subject, role)
);
