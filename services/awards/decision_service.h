// Decision use cases: the rounds' award settings, recommendations, and
// decisions with four eyes (one at a time or in bulk). Each mutation owns
// its transaction, is idempotent and is audited in that transaction.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/caller.h"
#include "domain/applications.h"
#include "domain/awards.h"
#include "services/audit/audit_recorder.h"
#include "storage/pool.h"
#include "storage/transaction.h"

namespace grants::awards {

// The application's Decision as stored now: its standing recommendation and
// its decision, if any.
Decision LoadDecision(storage::Tx& tx, const applications::Application& a,
                      const std::string& currency);

class DecisionService {
 public:
  DecisionService(storage::ConnectionPool& pool, const audit::Recorder& audit)
      : pool_(pool), audit_(audit) {}

  // Sets the threshold, validity and fast-path policy of `s` (s.id is the
  // round, s.currency the threshold's). Errors: ROUND_NOT_FOUND, CURRENCY_MISMATCH.
  absl::StatusOr<RoundSettings> SetSettings(const RequestContext& ctx,
                                            const RoundSettings& s);
  // ROUND_NOT_FOUND.
  absl::StatusOr<RoundSettings> GetSettings(const RequestContext& ctx,
                                            const std::string& round_id);

  // Records the caller's recommendation (see CheckDecidable,
  // CheckRoundAssessable, CheckRecommendation, CheckRecommender).
  absl::StatusOr<Decision> Recommend(const RequestContext& ctx,
                                     const RecommendCommand& cmd);
  // Decides as the standing recommendation says (see CheckDecision,
  // CheckRoundClosed); the application becomes APPROVED or DECLINED.
  absl::StatusOr<Decision> Decide(const RequestContext& ctx,
                                  const DecideCommand& cmd);
  // Decide for each id of `round_id`, each in its own transaction, keyed by
  // the request id and the application id (a retry replays each result).
  std::vector<std::pair<std::string, absl::StatusOr<Decision>>> DecideMany(
      const RequestContext& ctx, const std::string& round_id,
      const std::vector<std::string>& application_ids, Outcome outcome,
      const std::string& comment);
  // APPLICATION_NOT_FOUND.
  absl::StatusOr<Decision> Get(const RequestContext& ctx,
                               const std::string& application_id);

  // Closes out a closed round whose applications are all settled, giving
  // what it did not commit back to the fund (close_out.cc).
  // ROUND_NOT_FOUND, ROUND_TRANSITION_NOT_ALLOWED, ROUND_UNFINISHED.
  struct CloseOut {
    std::string round_id;
    std::string currency;
    int64_t committed_minor = 0;
    int64_t released_minor = 0;  // of the budget, back in the fund
  };
  absl::StatusOr<CloseOut> CloseOutRound(const RequestContext& ctx,
                                         const std::string& round_id);

 private:
  storage::ConnectionPool& pool_;
  const audit::Recorder& audit_;
};

}  // namespace grants::awards
