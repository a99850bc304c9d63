// Application use cases: drafts, deadline-safe submission into frozen
// snapshots, withdrawal, return for changes, extensions. Grantees act only
// on their own organisation's applications.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "services/applications/applications.h"
#include "services/audit/audit_recorder.h"
#include "services/common/caller.h"
#include "services/common/paging.h"
#include "storage/application_repository.h"
#include "storage/pool.h"

namespace grants::applications {

class ApplicationService {
 public:
  ApplicationService(storage::ConnectionPool& pool,
                     const audit::Recorder& audit)
      : pool_(pool), audit_(audit) {}

  absl::StatusOr<Application> Create(const RequestContext& ctx,
                                     const std::string& round_id,
                                     const Content& content);
  absl::StatusOr<Application> Update(const RequestContext& ctx,
                                     const std::string& id,
                                     const Content& content);
  absl::StatusOr<Application> Submit(const RequestContext& ctx,
                                     const std::string& id);
  absl::StatusOr<Application> Withdraw(const RequestContext& ctx,
                                       const std::string& id,
                                       const std::string& reason);
  absl::StatusOr<Application> Return(const RequestContext& ctx,
                                     const std::string& id,
                                     const std::string& comment);
  absl::StatusOr<Application> Get(const RequestContext& ctx,
                                  const std::string& id);
  absl::StatusOr<Listed<Application>> List(
      const RequestContext& ctx, storage::application_repo::Filter filter,
      const Page& page);

  absl::StatusOr<Extension> GrantExtension(const RequestContext& ctx,
                                           const Extension& extension);
  absl::StatusOr<std::vector<Extension>> ListExtensions(
      const std::string& round_id);

 private:
  // Computes the locked application's new state from (tx, before).
  using Change = std::function<absl::StatusOr<Application>(
      storage::Tx&, const Application&)>;
  // One transaction: the key, the application locked and in scope,
  // `change`, the write, the audit event.
  absl::StatusOr<Application> ChangeApplication(const RequestContext& ctx,
                                                const std::string& id,
                                                const Change& change);

  storage::ConnectionPool& pool_;
  const audit::Recorder& audit_;
};

}  // namespace grants::applications
