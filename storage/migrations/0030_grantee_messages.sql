-- A message at every step that matters to a grantee (issue #17): the
-- receipt of a submission, a return for changes, the decision, the offer,
-- its coming expiry and its expiry, payments instructed, paid and failed,
-- variations decided, a termination and a recovery; and the officers'
-- daily digest (organisation_id '', addressed to the team's mailbox). Each
-- is queued once per (event, subject) by the dedupe key, so a retried or
-- replayed call, or two grantsd sweeping at once, queue no second copy.
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
  -- 0028's reminders of money owed back.
  'recovery_due_soon', 'recovery_overdue'));
