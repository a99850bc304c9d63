-- Assessment: a scoring rubric per round, reviewers assigned to
-- applications, declared conflicts of interest, and scores with their
-- moderation. Scores are whole numbers; aggregates are computed exactly
-- (as fractions) when read, never stored.

-- One row per round that has a rubric: setting the rubric locks it, and
-- scoring holds it FOR SHARE, so a rubric never changes under a score.
CREATE TABLE rubrics (
  round_id uuid        CONSTRAINT rubrics_pkey PRIMARY KEY
                       CONSTRAINT rubrics_round_fkey REFERENCES rounds (id),
  set_by   text        NOT NULL,
  set_at   timestamptz NOT NULL
);

CREATE TABLE rubric_criteria (
  round_id         uuid    NOT NULL CONSTRAINT rubric_criteria_rubric_fkey
                             REFERENCES rubrics (round_id),
  position         integer NOT NULL,
  code             text    NOT NULL,
  title            text    NOT NULL,
  weight           integer NOT NULL CONSTRAINT rubric_criteria_weight_positive
                             CHECK (weight > 0),
  min_score        integer NOT NULL,
  max_score        integer NOT NULL,
  comment_required boolean NOT NULL,
  CONSTRAINT rubric_criteria_range_valid CHECK (0 <= min_score AND min_score < max_score),
  CONSTRAINT rubric_criteria_pkey PRIMARY KEY (round_id, code),
  CONSTRAINT rubric_criteria_position_key UNIQUE (round_id, position)
);

-- A reviewer is a token subject with the reviewer role.
CREATE TABLE review_assignments (
  application_id uuid        NOT NULL CONSTRAINT review_assignments_application_fkey
                               REFERENCES applications (id),
  reviewer       text        NOT NULL,
  round_id       uuid        NOT NULL CONSTRAINT review_assignments_round_fkey
                               REFERENCES rounds (id),
  assigned_by    text        NOT NULL,
  assigned_at    timestamptz NOT NULL,
  CONSTRAINT review_assignments_pkey PRIMARY KEY (application_id, reviewer)
);
CREATE INDEX review_assignments_reviewer_idx
  ON review_assignments (reviewer, assigned_at);

-- An interest in an organisation covers every application it makes.
CREATE TABLE conflict_declarations (
  id              uuid        CONSTRAINT conflict_declarations_pkey PRIMARY KEY
                                DEFAULT gen_random_uuid(),
  reviewer        text        NOT NULL,
  organisation_id text        CONSTRAINT conflict_declarations_organisation_fkey
                                REFERENCES organisations (id),
  application_id  uuid        CONSTRAINT conflict_declarations_application_fkey
                                REFERENCES applications (id),
  note            text        NOT NULL,
  declared_at     timestamptz NOT NULL,
  CONSTRAINT conflict_declarations_one_target
    CHECK ((organisation_id IS NULL) <> (application_id IS NULL))
);
CREATE INDEX conflict_declarations_reviewer_idx ON conflict_declarations (reviewer);

-- value is the reviewer's and never changes once moderated; moderation sets
-- moderated_value beside it (the audit trail holds every change).
CREATE TABLE scores (
  id                uuid        CONSTRAINT scores_pkey PRIMARY KEY
                                  DEFAULT gen_random_uuid(),
  application_id    uuid        NOT NULL,
  reviewer          text        NOT NULL,
  round_id          uuid        NOT NULL,
  criterion_code    text        NOT NULL,
  value             integer     NOT NULL,
  comment           text        NOT NULL DEFAULT '',
  scored_at         timestamptz NOT NULL,
  moderated_value   integer,
  moderation_reason text        NOT NULL DEFAULT '',
  moderated_by      text        NOT NULL DEFAULT '',
  moderated_at      timestamptz,
  CONSTRAINT scores_one_per_criterion UNIQUE (application_id, reviewer, criterion_code),
  CONSTRAINT scores_assignment_fkey FOREIGN KEY (application_id, reviewer)
    REFERENCES review_assignments (application_id, reviewer),
  CONSTRAINT scores_criterion_fkey FOREIGN KEY (round_id, criterion_code)
    REFERENCES rubric_criteria (round_id, code),
  CONSTRAINT scores_moderation_has_reason
    CHECK (moderated_value IS NULL OR moderation_reason <> '')
);
CREATE INDEX scores_round_idx ON scores (round_id);
