-- Indicators per programme: what they count (a reach measure, optionally of
-- one community), how people are counted, and baseline and target per
-- period. Actuals are read from reach_totals, never stored.
CREATE TABLE indicators (
  programme_id  uuid        NOT NULL CONSTRAINT indicators_programme_fkey REFERENCES programmes (id),
  code          text        NOT NULL,
  name          text        NOT NULL,
  unit          text        NOT NULL,
  measure       text        NOT NULL CONSTRAINT indicators_measure_known
                  CHECK (measure IN ('supported', 'reached')),
  counting_rule text        NOT NULL CONSTRAINT indicators_counting_rule_known
                  CHECK (counting_rule IN ('unique_people', 'contacts')),
  community     text        NOT NULL DEFAULT '',
  -- [{"period": "", "baseline": 0, "target": 5000}, ...]
  periods       jsonb       NOT NULL DEFAULT '[]',
  updated_by    text        NOT NULL,
  updated_at    timestamptz NOT NULL,
  CONSTRAINT indicators_pkey PRIMARY KEY (programme_id, code)
);
