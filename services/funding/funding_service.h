// Funding use cases: funders, pooled funds and contributions. Each owns its
// transaction; each mutation is idempotent and audited in that transaction.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "common/caller.h"
#include "domain/funding.h"
#include "services/audit/audit_recorder.h"
#include "services/common/paging.h"
#include "storage/pool.h"

namespace grants::funding {

struct CreateFunderCommand {
  std::string org_id;
  std::string name;
};

struct CreateFundCommand {
  std::string name;
  std::string currency;
};

struct AddContributionCommand {
  std::string fund_id;
  std::string funder_id;
  std::string currency;
  int64_t amount_minor = 0;
  std::string note;
};

class FundingService {
 public:
  FundingService(storage::ConnectionPool& pool, const audit::Recorder& audit)
      : pool_(pool), audit_(audit) {}

  // ALREADY_EXISTS FUNDER_ORG_ID_TAKEN when the org-id is registered.
  absl::StatusOr<Funder> CreateFunder(const RequestContext& ctx,
                                      const CreateFunderCommand& cmd);
  // NOT_FOUND FUNDER_NOT_FOUND; PERMISSION_DENIED FUNDER_SCOPE for another
  // funder's caller.
  absl::StatusOr<Funder> GetFunder(const RequestContext& ctx,
                                   const std::string& id);
  absl::StatusOr<Listed<Funder>> ListFunders(const RequestContext& ctx,
                                             const Page& page);

  absl::StatusOr<Fund> CreateFund(const RequestContext& ctx,
                                  const CreateFundCommand& cmd);
  // A funder-role caller sees only funds it contributed to.
  absl::StatusOr<Fund> GetFund(const RequestContext& ctx,
                               const std::string& id);
  absl::StatusOr<Listed<Fund>> ListFunds(const RequestContext& ctx,
                                         const Page& page);

  // NOT_FOUND FUND_NOT_FOUND / FUNDER_NOT_FOUND; INVALID_ARGUMENT
  // CURRENCY_MISMATCH.
  absl::StatusOr<Contribution> AddContribution(
      const RequestContext& ctx, const AddContributionCommand& cmd);
  absl::StatusOr<Listed<Contribution>> ListContributions(
      const RequestContext& ctx, const std::string& fund_id, const Page& page);
  // What each funder's money did in the fund (FunderLines) and the fund's
  // total (FundLine), read in one snapshot. A funder-role caller gets only
  // its own line and no total. NOT_FOUND FUND_NOT_FOUND; PERMISSION_DENIED
  // FUNDER_SCOPE for a fund it did not contribute to.
  absl::StatusOr<FundMoney> GetFundMoney(const RequestContext& ctx,
                                         const std::string& fund_id);

 private:
  storage::ConnectionPool& pool_;
  const audit::Recorder& audit_;
};

}  // namespace grants::funding
