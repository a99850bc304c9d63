// The grants-per-organisation eligibility rules count approved applications
// once officers decide: an organisation that already holds a grant in the
// programme is ineligible for another in a later round.
#include <gtest/gtest.h>

#include "tests/award_builders.h"

namespace grants::testing {
namespace {

TEST(GrantLimitsTest, AnApprovedApplicationCountsAgainstTheProgrammesGrantLimit) {
  TestDatabase db;
  TestServer server(db.conninfo());
  AwardBuilder awards(server);
  Builder build(server);
  v1::Round first = awards.OpenRound(1'000'000, {5'000'000});
  awards.Register("ORG-HELD");
  awards.Register("ORG-NEW");
  v1::Application held = awards.Submit("ORG-HELD", first.id(), 100'000);
  awards.Close(first.id());
  awards.Approve(held.id(), 100'000);

  v1::RoundSpec spec = OpenSpec();
  spec.mutable_eligibility()->set_max_grants_per_programme(1);
  *spec.mutable_budget() = Gbp(1'000'000);  // what the fund has left
  *spec.mutable_max_grant() = Gbp(500'000);
  v1::Round second = build.RoundIn(first.programme_id(), spec);
  v1::OpenRoundRequest open;
  open.set_request_id(Key());
  open.set_round_id(second.id());
  ASSERT_TRUE(server.Programmes()
                  ->OpenRound(server.As(Role::kOfficer).get(), open, &second)
                  .ok());

  v1::Application again, fresh;
  ASSERT_TRUE(build.Submit("ORG-HELD", build.Draft("ORG-HELD", second.id()).id(), &again).ok());
  ASSERT_TRUE(build.Submit("ORG-NEW", build.Draft("ORG-NEW", second.id()).id(), &fresh).ok());
  EXPECT_EQ(again.submission().eligibility(), v1::ELIGIBILITY_INELIGIBLE);
  ASSERT_EQ(again.submission().failed_rules_size(), 1);
  EXPECT_EQ(again.submission().failed_rules(0).rule(), "TOO_MANY_GRANTS_IN_PROGRAMME");
  EXPECT_EQ(fresh.submission().eligibility(), v1::ELIGIBILITY_ELIGIBLE);
}

}  // namespace
}  // namespace grants::testing
