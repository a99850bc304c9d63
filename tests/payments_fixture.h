// Shared set-up for the payments and finance tests: an accepted award and
// one-line calls as officers (PaymentService) and as the finance machine
// (FinanceService, client certificate).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "grants/v1/payments.grpc.pb.h"
#include "tests/award_builders.h"

namespace grants::testing {

constexpr int64_t kAmount = 250'000;  // £2,500
constexpr char kUnknownInstruction[] = "6f1c1a52-3b7e-4c3a-9d57-1a2b3c4d5e6f";

struct Due {
  int64_t amount;
  std::string date;  // "" on acceptance
};

class PaymentsTest : public ::testing::Test {
 protected:
  // An award of `amount` to ORG-ROMA, accepted when `accept`.
  v1::Award Award(int64_t amount = kAmount, bool accept = true) {
    auto round = awards_.OpenRound(4'500'000, {3'000'000, 2'000'000});
    std::string app = awards_.Submit("ORG-ROMA", round.id(), amount).id();
    awards_.Close(round.id());
    awards_.Approve(app, amount);
    v1::Award award;
    EXPECT_TRUE(awards_.Offer(app, amount, &award).ok());
    if (accept) {
      EXPECT_TRUE(awards_.Accept("ORG-ROMA", award.id(), &award).ok());
    }
    return award;
  }

  grpc::Status Schedule(const std::string& award_id, const std::vector<Due>& dues,
                        v1::PaymentSchedule* out) {
    v1::SetPaymentScheduleRequest req;
    req.set_request_id(Key());
    req.set_award_id(award_id);
    for (const auto& d : dues) {
      auto* i = req.add_instalments();
      *i->mutable_amount() = Gbp(d.amount);
      i->set_due(d.date.empty() ? v1::DUE_KIND_ON_ACCEPTANCE : v1::DUE_KIND_ON_DATE);
      i->set_due_date(d.date);
    }
    return payments_->SetPaymentSchedule(Officer(kRecommender).get(), req, out);
  }

  grpc::Status Request(const std::string& id, const std::string& officer,
                       v1::Payment* out) {
    v1::RequestPaymentRequest req;
    req.set_request_id(Key());
    req.set_id(id);
    return payments_->RequestPayment(Officer(officer).get(), req, out);
  }

  grpc::Status Authorise(const std::string& id, const std::string& officer,
                         v1::Payment* out) {
    v1::AuthorisePaymentRequest req;
    req.set_request_id(Key());
    req.set_id(id);
    return payments_->AuthorisePayment(Officer(officer).get(), req, out);
  }

  void SetLimit(const std::string& officer, int64_t limit) {
    v1::SetAuthorisationLimitRequest req;
    req.set_request_id(Key());
    req.set_officer(officer);
    *req.mutable_limit() = Gbp(limit);
    v1::AuthorisationLimit out;
    auto s = payments_->SetAuthorisationLimit(
        server_.As(Role::kAdministrator, "admin-ada").get(), req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  // Requested by kRecommender and authorised by kDecider (limit set).
  v1::Payment Authorised(const std::string& payment_id) {
    SetLimit(kDecider, 1'000'000);
    v1::Payment p;
    EXPECT_TRUE(Request(payment_id, kRecommender, &p).ok());
    auto s = Authorise(payment_id, kDecider, &p);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return p;
  }

  grpc::Status Ack(const std::string& instruction, v1::PaymentInstruction* out) {
    v1::AcknowledgeInstructionRequest req;
    req.set_request_id(Key());
    req.set_instruction_id(instruction);
    grpc::ClientContext ctx;
    return finance_->AcknowledgeInstruction(&ctx, req, out);
  }

  grpc::Status Remit(const std::string& instruction, int64_t amount,
                     const std::string& reference, v1::PaymentInstruction* out,
                     const std::string& key = Key()) {
    v1::RecordRemittanceRequest req;
    req.set_request_id(key);
    req.set_instruction_id(instruction);
    *req.mutable_paid_amount() = Gbp(amount);
    req.set_paid_date("2025-01-16");
    req.set_bank_reference(reference);
    grpc::ClientContext ctx;
    return finance_->RecordRemittance(&ctx, req, out);
  }

  v1::ListPaymentInstructionsResponse Instructions() {
    v1::ListPaymentInstructionsRequest req;
    v1::ListPaymentInstructionsResponse out;
    grpc::ClientContext ctx;
    auto s = finance_->ListPaymentInstructions(&ctx, req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  v1::Payment Get(const std::string& id) {
    v1::GetPaymentRequest req;
    req.set_id(id);
    v1::Payment out;
    EXPECT_TRUE(payments_->GetPayment(Officer(kDecider).get(), req, &out).ok());
    return out;
  }

  int64_t Count(const std::string& sql) { return std::stoll(db_.Scalar(sql)); }
  std::unique_ptr<grpc::ClientContext> Officer(const std::string& subject) {
    return server_.As(Role::kOfficer, subject);
  }

  TestDatabase db_;
  TestServer server_{db_.conninfo()};
  AwardBuilder awards_{server_};
  std::unique_ptr<v1::PaymentService::Stub> payments_ =
      v1::PaymentService::NewStub(server_.Channel());
  std::unique_ptr<v1::FinanceService::Stub> finance_ =
      v1::FinanceService::NewStub(server_.FinanceChannel());
};

}  // namespace grants::testing
