// Audit recorder: builds the event, MACs it, appends it.
#include "services/audit/audit_recorder.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "common/status.h"
#include "services/audit/audit_chain.h"
#include "storage/audit_repository.h"

namespace grants::audit {

Event Recorder::Make(const RequestContext& ctx, const Change& change) const {
  Event e;
  // Postgres keeps microseconds; truncate so the MAC sees what is stored.
  e.occurred_at = absl::FromUnixMicros(absl::ToUnixMicros(ctx.now));
  e.actor = ctx.caller.subject;
  e.role = std::string(RoleName(ctx.caller.role));
  e.action = ctx.method;
  e.entity_type = change.entity_type;
  e.entity_id = change.entity_id;
  e.request_id = ctx.request_id;
  e.peer = ctx.peer;
  e.summary_json = change.summary_json;
  if (ctx.on_behalf) {
    // An officer acting for a group: the trail names both, and the reason
    // only by its length (its words are in acts_on_behalf).
    e.role = std::string(RoleName(Role::kOfficer));
    auto summary = nlohmann::json::parse(change.summary_json, nullptr, false);
    if (!summary.is_object()) summary = nlohmann::json::object();
    summary["on_behalf"] = {{"organisation_id", ctx.on_behalf->organisation_id},
                            {"reason", Words(ctx.on_behalf->reason)}};
    e.summary_json = summary.dump();
  }
  e.mac = ContentMac(key_, e);
  return e;
}

void Recorder::Record(storage::Tx& tx, const RequestContext& ctx,
                      const Change& change) const {
  storage::audit_repo::Append(tx, Make(ctx, change));
}

void Recorder::RecordRefusal(storage::ConnectionPool& pool,
                             const RequestContext& ctx,
                             const std::string& entity_id,
                             const absl::Status& refusal) const {
  absl::Status written =
      storage::RunInTransaction(pool, [&](storage::Tx& tx) {
        Record(tx, ctx,
               {"refusal", entity_id,
                nlohmann::json{{"reason", ReasonOf(refusal)},
                               {"message", std::string(refusal.message())}}
                    .dump()});
        return absl::OkStatus();
      });
  if (!written.ok())
    spdlog::warn(nlohmann::json{{"event", "refusal_audit_failed"},
                                {"reason", ReasonOf(written)}}
                     .dump());
}

}  // namespace grants::audit
