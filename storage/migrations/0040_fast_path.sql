-- The microgrant fast path (issue #18 item 2): a round's settings may turn
-- it on (the round becomes rolling: one officer approves, at or under the
-- microgrant threshold, what one reviewer scored at or above the mark) and
-- name the standard conditions its offers carry; an award made on it says
-- so, and accepting it schedules its single payment.
ALTER TABLE round_award_settings
  ADD COLUMN fast_path boolean NOT NULL DEFAULT false,
  ADD COLUMN fast_path_mark_percent integer NOT NULL DEFAULT 0
    CONSTRAINT round_award_settings_mark_range CHECK (fast_path_mark_percent BETWEEN 0 AND 100),
  ADD COLUMN standard_conditions text[] NOT NULL DEFAULT '{}',
  ADD CONSTRAINT round_award_settings_fast_path_mark
    CHECK (NOT fast_path OR fast_path_mark_percent >= 1),
  ADD CONSTRAINT round_award_settings_standard_conditions_count
    CHECK (cardinality(standard_conditions) <= 20);

ALTER TABLE awards ADD COLUMN fast_path boolean NOT NULL DEFAULT false;
