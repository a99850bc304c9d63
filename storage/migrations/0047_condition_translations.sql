-- Offer conditions in several languages (issue #17 item 2): an officer may
-- give an award's conditions, and a round's standard conditions for the
-- fast path, in each language the system has catalogues for. The portal
-- and the group's messages show the group's language where a translation
-- exists and English otherwise. An empty entry is shown in English.
CREATE TABLE award_condition_translations (
  award_id   uuid        NOT NULL CONSTRAINT award_condition_translations_award_fkey
                           REFERENCES awards (id),
  language   text        NOT NULL CONSTRAINT award_condition_translations_language_known CHECK (
                           language IN ('pl', 'ro', 'bg', 'pt', 'rom', 'ar')),
  conditions text[]      NOT NULL CONSTRAINT award_condition_translations_count CHECK (
                           cardinality(conditions) <= 20),
  updated_by text        NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT award_condition_translations_pkey PRIMARY KEY (award_id, language)
);

-- [{"language": "ro", "conditions": ["...", ""]}, ...]
ALTER TABLE round_award_settings
  ADD COLUMN standard_condition_translations jsonb NOT NULL DEFAULT '[]'
    CONSTRAINT round_award_settings_translations_array
      CHECK (jsonb_typeof(standard_condition_translations) = 'array');
