-- Officer-written content in several languages (issue #17 item 2): a
-- round's description (its name already exists), hints under its questions
-- (in the questions' jsonb), and per language a translation of the name,
-- the description and each question's text and hint. The portal shows the
-- grantee's language where a translation exists and English otherwise.
-- Languages are the ones the system has catalogues for (common/i18n/po);
-- English is the round's own text.
ALTER TABLE rounds ADD COLUMN description text NOT NULL DEFAULT '';

CREATE TABLE round_translations (
  round_id    uuid        NOT NULL CONSTRAINT round_translations_round_fkey
                            REFERENCES rounds (id),
  language    text        NOT NULL CONSTRAINT round_translations_language_known CHECK (
                            language IN ('pl', 'ro', 'bg', 'pt', 'rom', 'ar')),
  name        text        NOT NULL,
  description text        NOT NULL,
  -- [{"question_id": ..., "text": ..., "hint": ...}]
  questions   jsonb       NOT NULL,
  updated_by  text        NOT NULL,
  updated_at  timestamptz NOT NULL,
  CONSTRAINT round_translations_pkey PRIMARY KEY (round_id, language)
);
