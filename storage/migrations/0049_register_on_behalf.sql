-- Registering a group on its behalf (issue #17 item 4): an officer who
-- registers an organisation for a group that asked for help records the
-- act and its reason, as for its applications, awards and reports.
ALTER TABLE acts_on_behalf DROP CONSTRAINT acts_on_behalf_entity_known;
ALTER TABLE acts_on_behalf ADD CONSTRAINT acts_on_behalf_entity_known CHECK (
  entity_type IN ('organisation', 'application', 'award', 'report'));
-- An organisation's id is text ("ORG-..."), not a uuid.
ALTER TABLE acts_on_behalf ALTER COLUMN entity_id TYPE text USING entity_id::text;
-- The group is told an officer registered it, and why.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_known;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_known CHECK (kind IN (
  'report_due_soon', 'report_due_today', 'report_overdue',
  'report_returned', 'report_accepted', 'sign_in_link',
  'application_received', 'application_returned',
  'application_approved', 'application_declined',
  'offer_made', 'offer_expiring', 'offer_expired',
  'payment_instructed', 'payment_paid', 'payment_failed',
  'variation_approved', 'variation_rejected',
  'award_terminated', 'recovery_raised', 'officer_digest',
  'recovery_due_soon', 'recovery_overdue', 'organisation_registered'));
-- Who registered a group counts as involved in its applications.
CREATE INDEX acts_on_behalf_registered_idx ON acts_on_behalf (entity_id, officer)
  WHERE entity_type = 'organisation';
