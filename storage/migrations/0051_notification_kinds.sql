-- The kinds of message the outbox knows are rows of a reference table, so a
-- new kind is one INSERT in its migration instead of a copy of the whole
-- CHECK list. Two new ones (#17): the group hears that its offer was
-- accepted and that its report arrived, above all when an officer did it
-- for them.
CREATE TABLE notification_kinds (
  kind text PRIMARY KEY CHECK (kind ~ '^[a-z_]{1,64}$')
);
INSERT INTO notification_kinds (kind) VALUES
  ('report_due_soon'), ('report_due_today'), ('report_overdue'),
  ('report_returned'), ('report_accepted'), ('sign_in_link'),
  ('application_received'), ('application_returned'),
  ('application_approved'), ('application_declined'),
  ('offer_made'), ('offer_expiring'), ('offer_expired'),
  ('payment_instructed'), ('payment_paid'), ('payment_failed'),
  ('variation_approved'), ('variation_rejected'),
  ('award_terminated'), ('recovery_raised'), ('officer_digest'),
  ('recovery_due_soon'), ('recovery_overdue'), ('organisation_registered'),
  ('offer_accepted'), ('report_received');
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_known;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_known
  FOREIGN KEY (kind) REFERENCES notification_kinds (kind);
-- Reference data: changed by migrations only.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON notification_kinds FROM grants_writer;
