-- Payee changes under four eyes (#13): a change of an organisation's bank
-- details is proposed, and takes effect only when someone other than the
-- proposer confirms it. A payment carries its payee as authorised.

CREATE TABLE bank_detail_changes (
  id              uuid        CONSTRAINT bank_detail_changes_pkey PRIMARY KEY
                                DEFAULT gen_random_uuid(),
  organisation_id text        NOT NULL CONSTRAINT bank_detail_changes_organisation_fkey
                                REFERENCES organisations (id),
  account_name    text        NOT NULL,
  sort_code       text        NOT NULL,
  account_number  text        NOT NULL,
  replaces_last4  text        NOT NULL,
  state           text        NOT NULL DEFAULT 'pending'
                    CONSTRAINT bank_detail_changes_state_known
                    CHECK (state IN ('pending', 'confirmed', 'superseded')),
  proposed_by     text        NOT NULL,
  proposer_role   text        NOT NULL,
  proposed_at     timestamptz NOT NULL,
  confirmed_by    text        NOT NULL DEFAULT '',
  confirmer_role  text        NOT NULL DEFAULT '',
  confirmed_at    timestamptz,
  seq             bigserial   NOT NULL,
  CONSTRAINT bank_detail_changes_four_eyes
    CHECK (state <> 'confirmed' OR (confirmed_by <> '' AND confirmed_by <> proposed_by
                                    AND confirmer_role <> 'grantee'))
);
CREATE UNIQUE INDEX bank_detail_changes_one_pending
  ON bank_detail_changes (organisation_id) WHERE state = 'pending';
CREATE INDEX bank_detail_changes_organisation_idx
  ON bank_detail_changes (organisation_id, seq DESC);

-- The payee of an authorised payment, as it was at authorisation.
CREATE TABLE payment_payees (
  payment_id     uuid        CONSTRAINT payment_payees_pkey PRIMARY KEY
                               CONSTRAINT payment_payees_payment_fkey REFERENCES payments (id),
  account_name   text        NOT NULL,
  sort_code      text        NOT NULL,
  account_number text        NOT NULL,
  taken_at       timestamptz NOT NULL
);

-- Payments authorised before this migration take their organisation's
-- details as they stand now.
INSERT INTO payment_payees (payment_id, account_name, sort_code, account_number, taken_at)
SELECT p.id, o.bank_account_name, o.bank_sort_code, o.bank_account_number, now()
FROM payments AS p JOIN awards AS a ON a.id = p.award_id
JOIN organisations AS o ON o.id = a.organisation_id
WHERE p.state IN ('authorised', 'instructed');
