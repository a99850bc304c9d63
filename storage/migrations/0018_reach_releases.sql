-- Reach releases (issue #14, disclosure control): a programme's figures for
-- a closed quarter (the reports accepted in it), frozen by an officer and
-- stored already protected, the only reach funders and the public see. A
-- hidden figure is stored as 0 with why it is hidden; its true value is
-- never stored here. A release is made once and never changes.
CREATE TABLE reach_releases (
  id           uuid        CONSTRAINT reach_releases_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
  programme_id uuid        NOT NULL CONSTRAINT reach_releases_programme_fkey REFERENCES programmes (id),
  quarter      text        NOT NULL CONSTRAINT reach_releases_quarter_valid
                 CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
  reports      bigint      NOT NULL CONSTRAINT reach_releases_reports_non_negative
                 CHECK (reports >= 0),
  -- Breakdowns withheld whole, as "measure/dimension" ("supported/borough").
  withheld     text[]      NOT NULL DEFAULT '{}',
  released_by  text        NOT NULL,
  released_at  timestamptz NOT NULL,
  CONSTRAINT reach_releases_once UNIQUE (programme_id, quarter)
);

CREATE TABLE reach_release_figures (
  release_id  uuid   NOT NULL CONSTRAINT reach_release_figures_release_fkey
                REFERENCES reach_releases (id),
  measure     text   NOT NULL CONSTRAINT reach_release_figures_measure_known
                CHECK (measure IN ('supported', 'reached')),
  dimension   text   NOT NULL,  -- '' for the total
  code        text   NOT NULL,  -- '' for the total
  value       bigint NOT NULL,
  suppression text   NOT NULL CONSTRAINT reach_release_figures_suppression_known
                CHECK (suppression IN ('none', 'primary', 'complementary')),
  CONSTRAINT reach_release_figures_hidden_zero
    CHECK (suppression = 'none' OR value = 0),
  CONSTRAINT reach_release_figures_pkey PRIMARY KEY (release_id, measure, dimension, code)
);

-- Released figures never change.
CREATE FUNCTION reach_release_is_final() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a reach release cannot change (constraint "reach_release_final")'
    USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER reach_releases_final BEFORE UPDATE OR DELETE ON reach_releases
  FOR EACH ROW EXECUTE FUNCTION reach_release_is_final();
CREATE TRIGGER reach_release_figures_final BEFORE UPDATE OR DELETE ON reach_release_figures
  FOR EACH ROW EXECUTE FUNCTION reach_release_is_final();

-- And grantsd's role (0017) may add releases but never change or remove one.
REVOKE UPDATE, DELETE ON reach_releases, reach_release_figures FROM grants_writer;
