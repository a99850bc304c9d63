// Per-funder money (#18 item 5), through the real server: what each pooled
// funder's contribution did (committed, paid, recovered, free), derived from
// the awards' funder shares, summing to the fund's figures to the penny; a
// funder sees only its own line; repaid money of a closed-out round goes
// back to its fund.
#include <gtest/gtest.h>

#include "tests/monitoring_fixture.h"

namespace grants::testing {
namespace {

class FundMoneyTest : public MonitoringTest {
 protected:
  grpc::Status Money(std::unique_ptr<grpc::ClientContext> ctx,
                     const std::string& fund_id, v1::FundMoney* out) {
    v1::GetFundMoneyRequest req;
    req.set_fund_id(fund_id);
    return server_.Funding()->GetFundMoney(ctx.get(), req, out);
  }

  v1::FundMoney Money(const std::string& fund_id) {
    v1::FundMoney out;
    grpc::Status s = Money(Officer(kDecider), fund_id, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  // An accepted award of `amount` on a fund of three funders (odd pennies).
  v1::Award AwardOnFund(int64_t amount, std::string* fund_id,
                        std::string* round_id) {
    auto round =
        awards_.OpenRound(1'000'000, {700'001, 500'003, 300'007}, fund_id);
    *round_id = round.id();
    std::string app = awards_.Submit("ORG-ROMA", round.id(), amount).id();
    awards_.Close(round.id());
    awards_.Approve(app, amount);
    v1::Award award;
    EXPECT_TRUE(awards_.Offer(app, amount, &award).ok());
    EXPECT_TRUE(awards_.Accept("ORG-ROMA", award.id(), &award).ok());
    return award;
  }

  void Recovered(const std::string& award_id, int64_t amount) {
    v1::RaiseRecoveryRequest raise;
    raise.set_request_id(Key());
    raise.set_award_id(award_id);
    *raise.mutable_amount() = Gbp(amount);
    raise.set_reason("Underspent");
    v1::RaiseRecoveryResponse raised;
    ASSERT_TRUE(
        stub().RaiseRecovery(Officer(kDecider).get(), raise, &raised).ok());
    v1::RecordRecoveryReceiptRequest receipt;
    receipt.set_request_id(Key());
    receipt.set_recovery_id(raised.recoveries(0).id());
    *receipt.mutable_amount() = Gbp(amount);
    receipt.set_received_date("2025-02-01");
    receipt.set_bank_reference("REC-" + Key().substr(0, 8));
    v1::Recovery r;
    grpc::ClientContext ctx;
    ASSERT_TRUE(finance_->RecordRecoveryReceipt(&ctx, receipt, &r).ok());
  }
};

int64_t Minor(const v1::Money& m) { return m.minor_units(); }

// contributed = free + committed + paid - recovered.
void ExpectBalanced(const v1::MoneyLine& l) {
  EXPECT_EQ(Minor(l.contributed()), Minor(l.free()) + Minor(l.committed()) +
                                        Minor(l.paid()) - Minor(l.recovered()));
}

TEST_F(FundMoneyTest, EachFundersLinesSumToTheFundsToThePenny) {
  std::string fund_id, round_id;
  v1::Award award = AwardOnFund(333'333, &fund_id, &round_id);
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(
      Schedule(award.id(), {{111'111, ""}, {222'222, ""}}, &schedule).ok());
  Paid(schedule.payments(0).id());
  Recovered(award.id(), 11'111);

  v1::FundMoney m = Money(fund_id);
  ASSERT_TRUE(m.has_total());
  EXPECT_EQ(m.currency_code(), "GBP");
  EXPECT_EQ(Minor(m.total().contributed()), 1'500'011);
  EXPECT_EQ(Minor(m.total().committed()), 222'222);
  EXPECT_EQ(Minor(m.total().paid()), 111'111);
  EXPECT_EQ(Minor(m.total().recovered()), 11'111);
  EXPECT_EQ(Minor(m.total().free()), 1'500'011 - 222'222 - 111'111 + 11'111);
  ExpectBalanced(m.total());
  ASSERT_EQ(m.funders_size(), 3);
  int64_t contributed = 0, committed = 0, paid = 0, recovered = 0, free = 0;
  for (const auto& f : m.funders()) {
    ExpectBalanced(f.money());
    EXPECT_FALSE(f.funder_name().empty());
    contributed += Minor(f.money().contributed());
    committed += Minor(f.money().committed());
    paid += Minor(f.money().paid());
    recovered += Minor(f.money().recovered());
    free += Minor(f.money().free());
  }
  EXPECT_EQ(contributed, Minor(m.total().contributed()));
  EXPECT_EQ(committed, Minor(m.total().committed()));
  EXPECT_EQ(paid, Minor(m.total().paid()));
  EXPECT_EQ(recovered, Minor(m.total().recovered()));
  EXPECT_EQ(free, Minor(m.total().free()));
  // Each funder's paid share follows its share of the award: who gave most
  // paid most.
  auto most = [&](auto figure) {
    int best = 0;
    for (int i = 1; i < m.funders_size(); ++i)
      if (Minor(figure(m.funders(i).money())) >
          Minor(figure(m.funders(best).money())))
        best = i;
    return best;
  };
  EXPECT_EQ(most([](const v1::MoneyLine& l) { return l.paid(); }),
            most([](const v1::MoneyLine& l) { return l.contributed(); }));
}

TEST_F(FundMoneyTest, AFunderSeesOnlyItsOwnLineOfAFundItContributedTo) {
  std::string fund_id, round_id, other_fund, other_round;
  v1::Award award = AwardOnFund(200'000, &fund_id, &round_id);
  AwardOnFund(100'000, &other_fund, &other_round);
  v1::FundMoney all = Money(fund_id);
  const std::string funder = all.funders(1).funder_id();

  v1::FundMoney mine;
  auto as_funder = [&] {
    return server_.As(Role::kFunder, "funder-person", "", funder);
  };
  ASSERT_TRUE(Money(as_funder(), fund_id, &mine).ok());
  EXPECT_FALSE(mine.has_total());
  ASSERT_EQ(mine.funders_size(), 1);
  EXPECT_EQ(mine.funders(0).SerializeAsString(),
            all.funders(1).SerializeAsString());

  grpc::Status s = Money(as_funder(), other_fund, &mine);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(s), "FUNDER_SCOPE");
  s = Money(server_.As(Role::kGrantee, "ana", "ORG-ROMA"), fund_id, &mine);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  s = Money(Officer(kDecider), "not-a-uuid", &mine);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(s), "fund_id");
  s = Money(Officer(kDecider), kUnknownInstruction, &mine);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ReasonOf(s), "FUND_NOT_FOUND");
  // Auditors read every line.
  ASSERT_TRUE(Money(server_.As(Role::kAuditor, "aud"), fund_id, &mine).ok());
  EXPECT_EQ(mine.funders_size(), 3);
}

TEST_F(FundMoneyTest, RepaidMoneyOfAClosedOutRoundGoesBackToItsFund) {
  std::string fund_id, round_id;
  v1::Award award = AwardOnFund(300'000, &fund_id, &round_id);
  v1::PaymentSchedule schedule;
  ASSERT_TRUE(Schedule(award.id(), {{300'000, ""}}, &schedule).ok());
  Paid(schedule.payments(0).id());
  v1::CloseOutRoundRequest close;
  close.set_request_id(Key());
  close.set_round_id(round_id);
  v1::RoundCloseOut out;
  grpc::Status s = stub().CloseOutRound(Officer(kDecider).get(), close, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const int64_t available =
      awards_.Settings(round_id).committed().minor_units();
  EXPECT_EQ(available, 300'000);
  v1::Fund before;
  v1::GetFundRequest get;
  get.set_id(fund_id);
  ASSERT_TRUE(
      server_.Funding()->GetFund(Officer(kDecider).get(), get, &before).ok());

  Recovered(award.id(), 40'000);
  v1::Fund after;
  ASSERT_TRUE(
      server_.Funding()->GetFund(Officer(kDecider).get(), get, &after).ok());
  EXPECT_EQ(Minor(after.available()), Minor(before.available()) + 40'000);
  v1::FundMoney m = Money(fund_id);
  EXPECT_EQ(Minor(m.total().recovered()), 40'000);
  EXPECT_EQ(Minor(m.total().free()), Minor(after.available()));
  ExpectBalanced(m.total());
}

}  // namespace
}  // namespace grants::testing
