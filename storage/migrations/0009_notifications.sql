-- The notification outbox: every message to a grantee is written in the
-- transaction of the change that causes it (a report returned or accepted)
-- or of the reminder sweep that finds a report due, once per dedupe key, and
-- a dispatcher delivers it later. A message's id is its Message-ID, so a
-- redelivery after a crash replaces the same spool file and a mail system
-- drops the duplicate.
CREATE TABLE notifications (
  id              uuid        CONSTRAINT notifications_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
  -- What caused it, e.g. "reminder:<requirement>:overdue": at most one each.
  dedupe_key      text        NOT NULL CONSTRAINT notifications_dedupe_unique UNIQUE,
  kind            text        NOT NULL CONSTRAINT notifications_kind_known CHECK (kind IN (
                    'report_due_soon', 'report_due_today', 'report_overdue',
                    'report_returned', 'report_accepted')),
  organisation_id text        NOT NULL,
  recipient       text        NOT NULL,
  language        text        NOT NULL,
  -- What the message says: award reference, due date, comment...
  params          jsonb       NOT NULL,
  created_at      timestamptz NOT NULL,
  sent_at         timestamptz,
  attempts        integer     NOT NULL DEFAULT 0,
  last_error      text        NOT NULL DEFAULT ''
);
CREATE INDEX notifications_unsent_idx ON notifications (created_at, id) WHERE sent_at IS NULL;
