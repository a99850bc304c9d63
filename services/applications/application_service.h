// Application use cases: drafts, deadline-safe submission into frozen
// snapshots, withdrawal, return for changes, extensions. Grantees act only
// on their own organisation's applications.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "common/caller.h"
#include "domain/applications.h"
#include "services/audit/audit_recorder.h"
#include "services/common/paging.h"
#include "storage/application_repository.h"
#include "storage/pool.h"

namespace grants::applications {

class ApplicationService {
 public:
  // The round as an applicant's create or change sees it.
  struct RoundView {
    programmes::Round round;
    absl::Time deadline;  // the one that applies, extension included
    std::vector<std::string> communities;
    std::optional<std::string> organisation_language;  // nullopt: unregistered
  };
  ApplicationService(storage::ConnectionPool& pool,
                     const audit::Recorder& audit)
      : pool_(pool), audit_(audit) {}

  // Create, Update and Submit are the grantee's, or an officer's acting
  // on behalf of the organisation (`on_behalf`; its errors in
  // services/organisations/on_behalf.h).
  absl::StatusOr<Application> Create(
      const RequestContext& ctx, const std::string& round_id,
      const Content& content,
      const std::optional<OnBehalf>& on_behalf = std::nullopt);
  absl::StatusOr<Application> Update(
      const RequestContext& ctx, const std::string& id, const Content& content,
      const std::optional<OnBehalf>& on_behalf = std::nullopt);
  absl::StatusOr<Application> Submit(
      const RequestContext& ctx, const std::string& id,
      const std::optional<OnBehalf>& on_behalf = std::nullopt);
  absl::StatusOr<Application> Withdraw(const RequestContext& ctx,
                                       const std::string& id,
                                       const std::string& reason);
  absl::StatusOr<Application> Return(const RequestContext& ctx,
                                     const std::string& id,
                                     const std::string& comment);
  absl::StatusOr<Application> Get(const RequestContext& ctx,
                                  const std::string& id);
  absl::StatusOr<Listed<Application>> List(const RequestContext& ctx,
                                           applications::ListFilter filter,
                                           const Page& page);

  absl::StatusOr<Extension> GrantExtension(const RequestContext& ctx,
                                           const Extension& extension);
  absl::StatusOr<std::vector<Extension>> ListExtensions(
      const std::string& round_id);

 private:
  // Computes the locked application's new state from (tx, before, its
  // round). A change that submits sets `submission` to the new snapshot.
  using Change = std::function<absl::StatusOr<Application>(
      storage::Tx&, const Application&, const RoundView&)>;
  // One transaction: the key claimed and the application locked and read
  // with its round (one statement), in scope, `change`, then the write, the
  // new submission if any and the audit event (one statement).
  absl::StatusOr<Application> ChangeApplication(const RequestContext& ctx,
                                                const std::string& id,
                                                const Change& change);

  storage::ConnectionPool& pool_;
  const audit::Recorder& audit_;
};

}  // namespace grants::applications
