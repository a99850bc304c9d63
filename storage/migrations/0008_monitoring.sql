-- Monitoring: report requirements of awards, the grantees' reports (immutable
-- snapshots) and their review, reach totals maintained as reports are
-- accepted, and payments released by an accepted final report.

CREATE TABLE report_requirements (
  id          uuid        CONSTRAINT report_requirements_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
  award_id    uuid        NOT NULL CONSTRAINT report_requirements_award_fkey REFERENCES awards (id),
  number      integer     NOT NULL,
  kind        text        NOT NULL CONSTRAINT report_requirements_kind_known
                CHECK (kind IN ('interim', 'final')),
  basis       text        NOT NULL CONSTRAINT report_requirements_basis_known
                CHECK (basis IN ('fixed_date', 'after_acceptance', 'after_round_close')),
  days_after  integer     NOT NULL DEFAULT 0,
  -- Fixed when the requirement is set; overdue is computed against it.
  due_date    date        NOT NULL,
  created_by  text        NOT NULL,
  created_at  timestamptz NOT NULL,
  CONSTRAINT report_requirements_number_unique UNIQUE (award_id, number)
);
CREATE UNIQUE INDEX report_requirements_one_final ON report_requirements (award_id)
  WHERE kind = 'final';
CREATE INDEX report_requirements_due_idx ON report_requirements (due_date, id);

-- The due date never moves: a requirement is replaced (while it has no
-- report), never edited.
CREATE FUNCTION report_requirements_are_fixed() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'report requirement % cannot change (constraint "report_requirements_fixed")',
    OLD.id USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER report_requirements_fixed BEFORE UPDATE ON report_requirements
  FOR EACH ROW EXECUTE FUNCTION report_requirements_are_fixed();

CREATE TABLE reports (
  id               uuid        CONSTRAINT reports_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
  requirement_id   uuid        NOT NULL CONSTRAINT reports_requirement_fkey
                     REFERENCES report_requirements (id),
  award_id         uuid        NOT NULL CONSTRAINT reports_award_fkey REFERENCES awards (id),
  organisation_id  text        NOT NULL,
  version          integer     NOT NULL,
  state            text        NOT NULL DEFAULT 'submitted' CONSTRAINT reports_state_known
                     CHECK (state IN ('submitted', 'accepted', 'returned')),
  period_start     date        NOT NULL,
  period_end       date        NOT NULL,
  people_supported bigint      NOT NULL CONSTRAINT reports_supported_non_negative
                     CHECK (people_supported >= 0),
  people_reached   bigint      NOT NULL CONSTRAINT reports_reached_non_negative
                     CHECK (people_reached >= 0),
  -- The whole report as submitted (grants.v1.ReportContent as JSON).
  content          jsonb       NOT NULL,
  submitted_by     text        NOT NULL,
  submitted_at     timestamptz NOT NULL,
  reviewed_by      text        NOT NULL DEFAULT '',
  reviewed_at      timestamptz,
  review_comment   text        NOT NULL DEFAULT '',
  -- The funders with a share of the award when the report was accepted:
  -- the funder reach it counts towards.
  funder_ids       uuid[]      NOT NULL DEFAULT '{}',
  CONSTRAINT reports_version_unique UNIQUE (requirement_id, version),
  CONSTRAINT reports_period_ordered CHECK (period_start <= period_end)
);
-- At most one report under review or accepted per requirement.
CREATE UNIQUE INDEX reports_one_live ON reports (requirement_id)
  WHERE state IN ('submitted', 'accepted');
CREATE INDEX reports_award_idx ON reports (award_id, submitted_at DESC);
CREATE INDEX reports_accepted_idx ON reports (id) WHERE state = 'accepted';

-- What was submitted never changes; only a submitted report is reviewed,
-- once.
CREATE FUNCTION reports_content_is_final() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.state <> 'submitted'
     OR NEW.content IS DISTINCT FROM OLD.content
     OR NEW.people_supported <> OLD.people_supported
     OR NEW.people_reached <> OLD.people_reached
     OR NEW.period_end <> OLD.period_end THEN
    RAISE EXCEPTION 'report % cannot change (constraint "reports_final")',
      OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER reports_final BEFORE UPDATE OR DELETE ON reports
  FOR EACH ROW EXECUTE FUNCTION reports_content_is_final();

CREATE TABLE report_breakdowns (
  report_id  uuid   NOT NULL CONSTRAINT report_breakdowns_report_fkey REFERENCES reports (id),
  dimension  text   NOT NULL CONSTRAINT report_breakdowns_dimension_known
               CHECK (dimension IN ('community', 'borough', 'language', 'age_band')),
  code       text   NOT NULL,
  supported  bigint NOT NULL CONSTRAINT report_breakdowns_supported_non_negative
               CHECK (supported >= 0),
  reached    bigint NOT NULL CONSTRAINT report_breakdowns_reached_non_negative
               CHECK (reached >= 0),
  CONSTRAINT report_breakdowns_pkey PRIMARY KEY (report_id, dimension, code)
);

-- Reach of accepted reports by scope (all, programme, round, funder), period
-- ('' all time, or the quarter of the report's period end) and group
-- (dimension and code; '' and '' for the totals). Changed only by the
-- transaction that accepts a report, so a summary reads O(groups) rows.
CREATE TABLE reach_totals (
  scope     text   NOT NULL CONSTRAINT reach_totals_scope_known
              CHECK (scope IN ('all', 'programme', 'round', 'funder')),
  scope_id  text   NOT NULL,
  period    text   NOT NULL,
  dimension text   NOT NULL,
  code      text   NOT NULL,
  supported bigint NOT NULL,
  reached   bigint NOT NULL,
  reports   bigint NOT NULL,
  CONSTRAINT reach_totals_pkey PRIMARY KEY (scope, scope_id, period, dimension, code)
);

-- Payments due on the final report fall due the day it is accepted.
ALTER TABLE payments ADD COLUMN released_on date;

-- Every reach row an accepted report contributes: each scope it counts in
-- (everything, its programme, its round, each funder with a share when it
-- was accepted), all time and its quarter, and its totals and breakdowns.
-- Accepting a report adds its rows to reach_totals; VerifyReach sums all of
-- them and compares.
CREATE VIEW report_reach_rows AS
SELECT b.report_id, s.scope, s.scope_id, p.period, c.dimension, c.code,
       c.supported, c.reached
FROM (SELECT r.id AS report_id, r.people_supported, r.people_reached, r.funder_ids,
             a.round_id, rd.programme_id, to_char(r.period_end, 'YYYY-"Q"Q') AS quarter
      FROM reports AS r
      JOIN awards AS a ON a.id = r.award_id
      JOIN rounds AS rd ON rd.id = a.round_id
      WHERE r.state = 'accepted') AS b
CROSS JOIN LATERAL (
  SELECT 'all', '' UNION ALL
  SELECT 'programme', b.programme_id::text UNION ALL
  SELECT 'round', b.round_id::text UNION ALL
  SELECT DISTINCT 'funder', f::text FROM unnest(b.funder_ids) AS f
) AS s (scope, scope_id)
CROSS JOIN LATERAL (SELECT '' UNION ALL SELECT b.quarter) AS p (period)
CROSS JOIN LATERAL (
  SELECT '', '', b.people_supported, b.people_reached UNION ALL
  SELECT d.dimension, d.code, d.supported, d.reached
  FROM report_breakdowns AS d WHERE d.report_id = b.report_id
) AS c (dimension, code, supported, reached);
