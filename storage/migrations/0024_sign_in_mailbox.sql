-- The hourly sign-in limit counts links by mailbox (issue #16): the address
-- without a +tag, as most mail services deliver every tag to one mailbox.
-- The expression is the one storage/queries/sign_in_recent_count.sql uses
-- and sign_in::MailboxOf computes.
CREATE INDEX sign_in_links_mailbox_idx
  ON sign_in_links ((regexp_replace(email, '\+[^@]*@', '@')), created_at);
