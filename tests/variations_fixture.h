// Shared set-up for the variation, termination and recovery tests: the
// payments fixture plus one-line calls to propose, decide and terminate.
#pragma once

#include <string>

#include "tests/payments_fixture.h"

namespace grants::testing {

class VariationsTest : public PaymentsTest {
 protected:
  // Proposes as `ctx`'s caller; `amount` < 0 keeps the amount.
  grpc::Status Propose(std::unique_ptr<grpc::ClientContext> ctx,
                       const std::string& award_id, int64_t amount,
                       const std::string& end_date, v1::Variation* out) {
    v1::ProposeVariationRequest req;
    req.set_request_id(Key());
    req.set_award_id(award_id);
    if (amount >= 0) *req.mutable_new_amount() = Gbp(amount);
    req.set_new_end_date(end_date);
    req.set_reason("More families came than planned");
    return stub().ProposeVariation(ctx.get(), req, out);
  }

  grpc::Status Grantee(const std::string& award_id, int64_t amount,
                       const std::string& end_date, v1::Variation* out) {
    return Propose(server_.As(Role::kGrantee, "ana", "ORG-ROMA"), award_id,
                   amount, end_date, out);
  }

  grpc::Status Decide(const std::string& id, const std::string& officer,
                      v1::Outcome outcome, v1::Variation* out,
                      const std::string& comment = "") {
    v1::DecideVariationRequest req;
    req.set_request_id(Key());
    req.set_id(id);
    req.set_outcome(outcome);
    req.set_comment(comment);
    return stub().DecideVariation(Officer(officer).get(), req, out);
  }

  grpc::Status Terminate(const std::string& award_id, int64_t recovery,
                         v1::Termination* out, const std::string& key = Key()) {
    v1::TerminateAwardRequest req;
    req.set_request_id(key);
    req.set_id(award_id);
    req.set_reason("The group dissolved");
    if (recovery > 0) *req.mutable_recovery_amount() = Gbp(recovery);
    return stub().TerminateAward(Officer(kDecider).get(), req, out);
  }

  // Requested, authorised, acknowledged and remitted.
  v1::Payment Paid(const std::string& payment_id) {
    v1::Payment p = Authorised(payment_id);
    v1::PaymentInstruction out;
    EXPECT_TRUE(Ack(p.instruction_id(), &out).ok());
    EXPECT_TRUE(Remit(p.instruction_id(), p.amount().minor_units(),
                      "BACS-" + p.id().substr(0, 8), &out)
                    .ok());
    return out.payment();
  }

  int64_t Committed(const std::string& round_id) {
    return awards_.Settings(round_id).committed().minor_units();
  }

  int64_t SharesOf(const v1::Award& a) {
    int64_t total = 0;
    for (const auto& s : a.shares()) total += s.amount().minor_units();
    return total;
  }

  v1::AwardService::Stub& stub() { return awards_.stub(); }
};

}  // namespace grants::testing
