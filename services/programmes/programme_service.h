// Programme and round use cases. Each owns its transaction; mutations are
// idempotent and audited in the same transaction. A round's budget is drawn
// from the programme's fund in the transaction that sets it, under the fund
// row's lock, so concurrent draws can never overdraw the fund.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "services/audit/audit_recorder.h"
#include "common/caller.h"
#include "services/common/paging.h"
#include "services/programmes/programme_rules.h"
#include "domain/programmes.h"
#include "storage/pool.h"
#include "storage/transaction.h"

namespace grants::programmes {

// Fields of a draft round to change; unset ones stay as they are.
struct RoundPatch {
  std::optional<std::string> name;
  std::optional<absl::Time> opens_at;
  std::optional<absl::Time> closes_at;
  std::optional<std::string> currency;  // of the money fields given
  std::optional<int64_t> budget_minor;
  std::optional<int64_t> min_grant_minor;
  std::optional<int64_t> max_grant_minor;
  std::optional<EligibilityRules> eligibility;
  std::optional<std::vector<Question>> questions;
  std::optional<std::string> description;
};

class ProgrammeService {
 public:
  ProgrammeService(storage::ConnectionPool& pool, const audit::Recorder& audit)
      : pool_(pool), audit_(audit) {}

  // NOT_FOUND FUND_NOT_FOUND; ALREADY_EXISTS PROGRAMME_CODE_TAKEN.
  absl::StatusOr<Programme> CreateProgramme(const RequestContext& ctx,
                                            const Programme& cmd);
  absl::StatusOr<Programme> GetProgramme(const std::string& id);
  absl::StatusOr<Listed<Programme>> ListProgrammes(const Page& page);

  // Creates a DRAFT round and draws its budget. NOT_FOUND
  // PROGRAMME_NOT_FOUND; INVALID_ARGUMENT CURRENCY_MISMATCH, WINDOW_INVALID,
  // GRANT_LIMITS_INVALID; FAILED_PRECONDITION FUND_BALANCE_EXCEEDED.
  absl::StatusOr<Round> CreateRound(const RequestContext& ctx,
                                    const std::string& programme_id,
                                    const RoundSpec& spec);
  // Changes a DRAFT round; a budget change draws or releases the difference.
  absl::StatusOr<Round> UpdateRound(const RequestContext& ctx,
                                    const std::string& round_id,
                                    const RoundPatch& patch);
  absl::StatusOr<Round> OpenRound(const RequestContext& ctx,
                                  const std::string& round_id);
  absl::StatusOr<Round> CloseRound(const RequestContext& ctx,
                                   const std::string& round_id);
  // Releases the budget back to the fund.
  absl::StatusOr<Round> CancelRound(const RequestContext& ctx,
                                    const std::string& round_id,
                                    const std::string& reason);
  absl::StatusOr<Round> GetRound(const std::string& id);
  // Sets (replaces) the round's translation into one language (validated
  // by the converter). NOT_FOUND ROUND_NOT_FOUND; INVALID_ARGUMENT
  // QUESTION_NOT_FOUND for a question the round does not have.
  absl::StatusOr<Round> SetTranslation(const RequestContext& ctx,
                                       const std::string& round_id,
                                       const RoundTranslation& translation);
  absl::StatusOr<Listed<Round>> ListRounds(const RoundFilter& filter,
                                           const Page& page);

 private:
  // Computes a locked round's new state from (tx, before, fund_id).
  using Change = std::function<absl::StatusOr<Round>(
      storage::Tx&, const Round&, const std::string&)>;
  // The recipe every change of a round follows: one transaction, the
  // idempotency key, the round locked, `change`, the write, the audit event.
  absl::StatusOr<Round> ChangeRound(const RequestContext& ctx,
                                    const std::string& round_id,
                                    const Change& change);
  absl::StatusOr<Round> MoveRound(const RequestContext& ctx,
                                  const std::string& round_id,
                                  RoundAction action, const std::string& reason);

  storage::ConnectionPool& pool_;
  const audit::Recorder& audit_;
};

}  // namespace grants::programmes
