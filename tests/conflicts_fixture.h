// Shared set-up for the tests that try the controls as an insider would:
// the variations fixture plus an officer who declares an interest, and the
// count of refusals the audit trail holds for an actor.
#pragma once

#include <string>

#include "tests/variations_fixture.h"

namespace grants::testing {

inline constexpr char kInterested[] = "officer-cy";

class ConflictsFixture : public VariationsTest {
 protected:
  int64_t Refusals(const std::string& actor) {
    return Count(
        "SELECT count(*) FROM audit_events WHERE entity_type = 'refusal' AND "
        "actor = '" +
        actor + "'");
  }
};

}  // namespace grants::testing
