// The money invariant (#18), through the public gRPC contract against real
// PostgreSQL: a seeded pseudo-random stream of offers, acceptances and
// declines, payments paid and failed, replacements, variations, recoveries
// raised, repaid in parts and written off, terminations, completions and
// round close-outs. After every step, for every fund and every funder:
// contributed = free + committed + paid - recovered, to the penny, and the
// funders' lines sum to the fund's. The seed is printed; set
// GRANTS_MONEY_SEED to replay another stream.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <random>

#include "tests/monitoring_fixture.h"

namespace grants::testing {
namespace {

constexpr uint64_t kDefaultSeed = 20251204;
constexpr int kSteps = 80;
// What the stream must have done at least once.
constexpr const char* kEveryWay[] = {"offer ok",          "accept ok",
                                     "pay ok",            "raise recovery ok",
                                     "repay ok",          "write off ok",
                                     "complete ok"};

class MoneyInvariantTest : public MonitoringTest {
 protected:
  struct Fund {
    std::string id;
    std::string round_id;
  };

  void SetUp() override {
    const char* env = std::getenv("GRANTS_MONEY_SEED");
    seed_ = env ? std::strtoull(env, nullptr, 10) : kDefaultSeed;
    std::cout << "money invariant: seed " << seed_ << "\n";
    RecordProperty("seed", std::to_string(seed_));
    rng_.seed(seed_);
    // Two funds of three funders each (odd pennies), one round each, six
    // applications asking more than the budget between them.
    for (int f = 0; f < 2; ++f) {
      Fund fund;
      auto round = awards_.OpenRound(
          1'200'000, {700'001 + f, 500'003, 300'007 + 2 * f}, &fund.id);
      fund.round_id = round.id();
      std::vector<std::pair<std::string, int64_t>> apps;
      for (int i = 0; i < 6; ++i) {
        std::string org = "ORG-M" + std::to_string(f) + std::to_string(i);
        int64_t amount = Between(100'000, 350'000);
        apps.emplace_back(awards_.Submit(org, round.id(), amount).id(), amount);
        org_of_[apps.back().first] = org;
      }
      awards_.Close(round.id());
      for (const auto& [app, amount] : apps) awards_.Approve(app, amount);
      funds_.push_back(fund);
    }
    // Limits go to officers grantsd knows (they have decided by now).
    SetLimit(kDecider, 10'000'000);
    SetLimit(kRecommender, 10'000'000);
    CheckInvariant("set-up");
  }

  int64_t Between(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng_);
  }
  bool Chance(int percent) { return Between(1, 100) <= percent; }

  // Ids from a read of the test database (the stream chooses what to act
  // on; every change goes through gRPC).
  std::vector<std::string> Ids(const std::string& sql) {
    std::vector<std::string> out;
    std::string all = db_.Scalar(
        "SELECT coalesce(string_agg(x, ',' ORDER BY "
        "x), '') FROM (" +
        sql + ") AS q (x)");
    for (size_t start = 0; start < all.size();) {
      size_t comma = all.find(',', start);
      if (comma == std::string::npos) comma = all.size();
      out.push_back(all.substr(start, comma - start));
      start = comma + 1;
    }
    return out;
  }
  // One of `sql`'s ids at random, or "" when there is none.
  std::string Pick(const std::string& sql) {
    auto ids = Ids(sql);
    if (ids.empty()) return "";
    return ids[static_cast<size_t>(
        Between(0, static_cast<int64_t>(ids.size()) - 1))];
  }
  int64_t Number(const std::string& sql) {
    return std::stoll(db_.Scalar("SELECT coalesce((" + sql + "), 0)"));
  }

  // --- the steps; each returns what it did, "" when it had nothing to do
  // (public: the test names them by pointer).
 public:
  std::string Offer() {
    std::string app = Pick(
        "SELECT d.application_id::text FROM decisions AS d "
        "WHERE d.outcome = 'approve' AND NOT EXISTS (SELECT 1 FROM awards AS a "
        "WHERE a.application_id = d.application_id AND a.state NOT IN "
        "('declined', 'expired'))");
    if (app.empty()) return "";
    int64_t approved =
        Number("SELECT approved_minor FROM decisions WHERE application_id = '" +
               app + "'");
    int64_t amount = approved - Between(0, approved / 4);
    v1::Award award;
    return Did("offer", awards_.Offer(app, amount, &award));
  }

  std::string Answer() {
    std::string award =
        Pick("SELECT id::text FROM awards WHERE state = 'offered'");
    if (award.empty()) return "";
    std::string org = db_.Scalar(
        "SELECT organisation_id FROM awards WHERE id = '" + award + "'");
    v1::Award out;
    if (Chance(80)) return Did("accept", awards_.Accept(org, award, &out));
    return Did("decline", awards_.Decline(org, award, &out, "Too late"));
  }

  std::string ScheduleOne() {
    std::string award = Pick(
        "SELECT a.id::text FROM awards AS a WHERE a.state = 'accepted' AND "
        "NOT EXISTS (SELECT 1 FROM payments AS p WHERE p.award_id = a.id)");
    if (award.empty()) return "";
    int64_t amount =
        Number("SELECT amount_minor FROM awards WHERE id = '" + award + "'");
    int64_t first = Between(amount / 4, amount - 1);
    v1::PaymentSchedule out;
    return Did("schedule",
               Schedule(award, {{first, ""}, {amount - first, ""}}, &out));
  }

  std::string PayOrFail() {
    std::string payment = Pick(
        "SELECT p.id::text FROM payments AS p JOIN awards AS a ON a.id = "
        "p.award_id WHERE p.state = 'scheduled' AND a.state IN ('accepted', "
        "'active')");
    if (payment.empty()) return "";
    v1::Payment p;
    grpc::Status s = Request(payment, kRecommender, &p);
    if (!s.ok()) return Did("request", s);
    s = Authorise(payment, kDecider, &p);
    if (!s.ok()) return Did("authorise", s);
    if (Chance(85)) {
      v1::PaymentInstruction out;
      s = Ack(p.instruction_id(), &out);
      if (!s.ok()) return Did("acknowledge", s);
      return Did("pay", Remit(p.instruction_id(), p.amount().minor_units(),
                              "BACS-" + p.id().substr(0, 8), &out));
    }
    v1::RecordPaymentFailureRequest failure;
    failure.set_request_id(Key());
    failure.set_instruction_id(p.instruction_id());
    failure.set_reason("Account closed");
    v1::PaymentInstruction failed;
    grpc::ClientContext ctx;
    return Did("fail", finance_->RecordPaymentFailure(&ctx, failure, &failed));
  }

  std::string Replace() {
    std::string payment = Pick(
        "SELECT p.id::text FROM payments AS p JOIN awards AS a ON a.id = "
        "p.award_id WHERE p.state = 'failed' AND a.state IN ('accepted', "
        "'active') AND NOT EXISTS (SELECT 1 FROM payments AS r WHERE "
        "r.replaces = p.id)");
    if (payment.empty()) return "";
    v1::ReplacePaymentRequest req;
    req.set_request_id(Key());
    req.set_id(payment);
    req.set_due(v1::DUE_KIND_ON_ACCEPTANCE);
    v1::Payment out;
    return Did("replace", payments_->ReplacePayment(Officer(kRecommender).get(),
                                                    req, &out));
  }

  std::string Vary() {
    std::string award = Pick(
        "SELECT id::text FROM awards WHERE state IN ('accepted', 'active')");
    if (award.empty()) return "";
    int64_t amount =
        Number("SELECT amount_minor FROM awards WHERE id = '" + award + "'");
    int64_t change = Between(-amount / 3, 60'000);
    v1::Variation v;
    grpc::Status s =
        Propose(Officer(kRecommender), award,
                std::max<int64_t>(amount + change, 50'000), "", &v);
    if (!s.ok()) return Did("propose", s);
    return Did("vary",
               Decide(v.id(), kDecider,
                      Chance(80) ? v1::OUTCOME_APPROVE : v1::OUTCOME_DECLINE,
                      &v, "Not now"));
  }

  std::string RaiseRecovery() {
    std::string award = Pick(
        "SELECT a.id::text FROM awards AS a WHERE a.state IN ('accepted', "
        "'active', 'completed') AND (SELECT coalesce(sum(paid_minor), 0) FROM "
        "payments WHERE award_id = a.id AND state = 'paid') > (SELECT "
        "coalesce(sum(amount_minor), 0) FROM recoveries WHERE award_id = "
        "a.id)");
    if (award.empty()) return "";
    int64_t room = Number(
        "SELECT (SELECT sum(paid_minor) FROM payments WHERE award_id = '" +
        award +
        "' AND state = 'paid') - (SELECT coalesce(sum(amount_minor), 0) "
        "FROM recoveries WHERE award_id = '" +
        award + "')");
    v1::RaiseRecoveryRequest req;
    req.set_request_id(Key());
    req.set_award_id(award);
    // Now and then more than can be recovered (refused, nothing written).
    *req.mutable_amount() = Gbp(Between(1, room + (Chance(10) ? 1000 : 0)));
    req.set_reason("Underspent");
    v1::RaiseRecoveryResponse out;
    return Did(
        "raise recovery",
        stub().RaiseRecovery(
            Officer(Chance(50) ? kDecider : kRecommender).get(), req, &out));
  }

  std::string Repay() {
    std::string id =
        Pick("SELECT id::text FROM recoveries WHERE state = 'raised'");
    if (id.empty()) return "";
    int64_t owed = Number(
        "SELECT amount_minor - received_minor FROM recoveries WHERE id = '" +
        id + "'");
    v1::RecordRecoveryReceiptRequest req;
    req.set_request_id(Key());
    req.set_recovery_id(id);
    // Usually a part or the rest; now and then too much (refused).
    *req.mutable_amount() = Gbp(Chance(10)   ? owed + 1
                                : Chance(40) ? owed
                                             : Between(1, owed));
    req.set_received_date("2025-02-01");
    req.set_bank_reference("REC-" + Key().substr(0, 12));
    v1::Recovery out;
    grpc::ClientContext ctx;
    return Did("repay", finance_->RecordRecoveryReceipt(&ctx, req, &out));
  }

  std::string WriteOff() {
    std::string id =
        Pick("SELECT id::text FROM recoveries WHERE state = 'raised'");
    if (id.empty()) return "";
    std::string raiser =
        db_.Scalar("SELECT raised_by FROM recoveries WHERE id = '" + id + "'");
    // Now and then by the raiser (refused: four eyes).
    std::string officer =
        Chance(15) ? raiser : (raiser == kDecider ? kRecommender : kDecider);
    v1::WriteOffRecoveryRequest req;
    req.set_request_id(Key());
    req.set_id(id);
    req.set_reason("Not worth chasing");
    v1::Recovery out;
    return Did("write off",
               payments_->WriteOffRecovery(Officer(officer).get(), req, &out));
  }

  std::string TerminateOne() {
    std::string award = Pick(
        "SELECT id::text FROM awards WHERE state IN ('accepted', 'active')");
    if (award.empty()) return "";
    int64_t room = Number(
        "SELECT (SELECT coalesce(sum(paid_minor), 0) FROM payments WHERE "
        "award_id = '" +
        award +
        "' AND state = 'paid') - (SELECT "
        "coalesce(sum(amount_minor), 0) FROM recoveries WHERE award_id = '" +
        award + "')");
    v1::Termination t;
    return Did(
        "terminate",
        Terminate(award, room > 0 && Chance(50) ? Between(1, room) : 0, &t));
  }

  // Reports in and accepted, then completion (refused while payments are
  // unsettled).
  std::string CompleteOne() {
    std::string award = Pick(
        "SELECT a.id::text FROM awards AS a WHERE a.state IN ('accepted', "
        "'active') AND NOT EXISTS (SELECT 1 FROM payments AS p WHERE "
        "p.award_id = a.id AND p.state NOT IN ('paid', 'cancelled', "
        "'failed'))");
    if (award.empty()) return "";
    if (Number("SELECT count(*) FROM report_requirements WHERE award_id = '" +
               award + "'") == 0) {
      v1::ReportRequirements reqs;
      grpc::Status s = Require(award, &reqs);
      if (!s.ok()) return Did("require reports", s);
      for (const auto& requirement : reqs.requirements()) {
        v1::Report report;
        s = SubmitAs(award, requirement.id(), &report);
        if (!s.ok()) return Did("report", s);
        s = Review(report.id(), true, &report);
        if (!s.ok()) return Did("review", s);
      }
    }
    awards_.SignOffConditions(award);
    v1::CompleteAwardRequest req;
    req.set_request_id(Key());
    req.set_id(award);
    v1::Award out;
    return Did("complete",
               stub().CompleteAward(Officer(kDecider).get(), req, &out));
  }

  std::string CloseOut() {
    const Fund& fund = funds_[static_cast<size_t>(Between(0, 1))];
    if (db_.Scalar("SELECT state FROM rounds WHERE id = '" + fund.round_id +
                   "'") == "closed_out")
      return "";
    v1::CloseOutRoundRequest req;
    req.set_request_id(Key());
    req.set_round_id(fund.round_id);
    v1::RoundCloseOut out;
    return Did("close out",
               stub().CloseOutRound(Officer(kDecider).get(), req, &out));
  }

 protected:
  grpc::Status SubmitAs(const std::string& award,
                        const std::string& requirement_id, v1::Report* out) {
    std::string org = db_.Scalar(
        "SELECT organisation_id FROM awards WHERE id = '" + award + "'");
    v1::SubmitReportRequest req;
    req.set_request_id(Key());
    req.set_requirement_id(requirement_id);
    *req.mutable_content() = ReportOf(10, {{"roma", 10}});
    return monitoring_->SubmitReport(
        server_.As(Role::kGrantee, "user-" + org, org).get(), req, out);
  }

  // Counts what happened, by step and outcome.
  std::string Did(const std::string& step, const grpc::Status& s) {
    std::string outcome = s.ok() ? "ok" : ReasonOf(s);
    EXPECT_NE(s.error_code(), grpc::StatusCode::INTERNAL)
        << step << ": " << s.error_message();
    EXPECT_NE(s.error_code(), grpc::StatusCode::UNKNOWN)
        << step << ": " << s.error_message();
    ++outcomes_[step + " " + outcome];
    return step + " " + outcome;
  }

  // The invariant, for every fund and every funder.
  void CheckInvariant(const std::string& after) {
    for (const auto& fund : funds_) {
      v1::GetFundMoneyRequest req;
      req.set_fund_id(fund.id);
      v1::FundMoney m;
      grpc::Status s =
          server_.Funding()->GetFundMoney(Officer(kDecider).get(), req, &m);
      ASSERT_TRUE(s.ok()) << s.error_message();
      const auto& t = m.total();
      auto n = [](const v1::Money& x) { return x.minor_units(); };
      ASSERT_EQ(n(t.contributed()),
                n(t.free()) + n(t.committed()) + n(t.paid()) - n(t.recovered()))
          << "fund " << fund.id << " after " << after << " (seed " << seed_
          << ")";
      // The figures are the books' own.
      ASSERT_EQ(
          n(t.paid()),
          Number("SELECT sum(p.paid_minor) FROM payments AS p JOIN awards "
                 "AS a ON a.id = p.award_id WHERE p.state = 'paid' AND "
                 "a.fund_id = '" +
                 fund.id + "'"));
      ASSERT_EQ(n(t.recovered()),
                Number("SELECT sum(x.amount_minor) FROM recovery_receipts AS x "
                       "JOIN recoveries AS r ON r.id = x.recovery_id JOIN "
                       "awards AS a ON a.id = r.award_id WHERE a.fund_id = '" +
                       fund.id + "'"));
      ASSERT_GE(n(t.committed()), 0);
      int64_t sums[5] = {0, 0, 0, 0, 0};
      for (const auto& f : m.funders()) {
        const auto& l = f.money();
        ASSERT_EQ(n(l.contributed()), n(l.free()) + n(l.committed()) +
                                          n(l.paid()) - n(l.recovered()))
            << "funder " << f.funder_id() << " after " << after;
        sums[0] += n(l.contributed());
        sums[1] += n(l.committed());
        sums[2] += n(l.paid());
        sums[3] += n(l.recovered());
        sums[4] += n(l.free());
      }
      ASSERT_EQ(sums[0], n(t.contributed())) << after;
      ASSERT_EQ(sums[1], n(t.committed())) << after;
      ASSERT_EQ(sums[2], n(t.paid())) << after;
      ASSERT_EQ(sums[3], n(t.recovered())) << after;
      ASSERT_EQ(sums[4], n(t.free())) << after;
    }
  }

  uint64_t seed_ = kDefaultSeed;
  std::mt19937_64 rng_;
  std::vector<Fund> funds_;
  std::map<std::string, std::string> org_of_;
  std::map<std::string, int> outcomes_;
};

TEST_F(MoneyInvariantTest, HoldsForEveryFundAndFunderAfterEveryStep) {
  using Step = std::string (MoneyInvariantTest::*)();
  const std::vector<std::pair<Step, int>> steps = {
      {&MoneyInvariantTest::Offer, 14},
      {&MoneyInvariantTest::Answer, 12},
      {&MoneyInvariantTest::ScheduleOne, 10},
      {&MoneyInvariantTest::PayOrFail, 18},
      {&MoneyInvariantTest::Replace, 4},
      {&MoneyInvariantTest::Vary, 6},
      {&MoneyInvariantTest::RaiseRecovery, 10},
      {&MoneyInvariantTest::Repay, 10},
      {&MoneyInvariantTest::WriteOff, 6},
      {&MoneyInvariantTest::TerminateOne, 3},
      {&MoneyInvariantTest::CompleteOne, 6},
      {&MoneyInvariantTest::CloseOut, 3}};
  int total_weight = 0;
  for (const auto& [step, weight] : steps) total_weight += weight;
  // kSteps steps that had something to do, and on until money has moved
  // every way checked below (ids are random, so the same seed can take
  // another path); a bounded number of tries.
  const auto moved_every_way = [this] {
    for (const char* what : kEveryWay)
      if (outcomes_[what] == 0) return false;
    return true;
  };
  for (int done = 0, tries = 0;
       (done < kSteps || !moved_every_way()) && tries < 10 * kSteps;
       ++tries) {
    int roll = static_cast<int>(Between(1, total_weight));
    Step chosen = steps.back().first;
    for (const auto& [step, weight] : steps) {
      if ((roll -= weight) <= 0) {
        chosen = step;
        break;
      }
    }
    std::string did = (this->*chosen)();
    if (did.empty()) continue;
    CheckInvariant("step " + std::to_string(done++) + ": " + did);
    if (HasFatalFailure()) return;
  }
  // Each funder, asking itself, sees exactly its line as officers see it.
  for (const auto& fund : funds_) {
    v1::GetFundMoneyRequest req;
    req.set_fund_id(fund.id);
    v1::FundMoney all;
    ASSERT_TRUE(server_.Funding()
                    ->GetFundMoney(Officer(kDecider).get(), req, &all)
                    .ok());
    for (const auto& line : all.funders()) {
      v1::FundMoney own;
      ASSERT_TRUE(server_.Funding()
                      ->GetFundMoney(server_
                                         .As(Role::kFunder, "funder-person", "",
                                             line.funder_id())
                                         .get(),
                                     req, &own)
                      .ok());
      EXPECT_FALSE(own.has_total());
      ASSERT_EQ(own.funders_size(), 1);
      EXPECT_EQ(own.funders(0).SerializeAsString(), line.SerializeAsString());
    }
  }
  for (const auto& [what, n] : outcomes_)
    std::cout << "  " << what << ": " << n << "\n";
  // The stream did what it is for: money moved every way.
  for (const char* what : kEveryWay)
    EXPECT_GT(outcomes_[what], 0)
        << what << " never happened (seed " << seed_ << ")";
  EXPECT_GT(Number("SELECT count(*) FROM recovery_receipts AS x JOIN "
                   "recoveries AS r ON r.id = x.recovery_id WHERE r.state = "
                   "'raised' OR x.amount_minor < r.amount_minor"),
            0)
      << "no part repayment";
}

}  // namespace
}  // namespace grants::testing
