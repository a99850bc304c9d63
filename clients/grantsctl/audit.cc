// `grantsctl audit`: read the chained audit trail, verify it, and make
// checkpoints of it to keep elsewhere.
#include <fmt/format.h>
#include <google/protobuf/util/time_util.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "clients/grantsctl/client.h"
#include "clients/grantsctl/commands.h"
#include "clients/grantsctl/flags.h"
#include "common/audit_checkpoint.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

const Row kEventHeader = {"SEQ",         "ID",        "TIME",
                          "ACTOR",       "ROLE",      "ACTION",
                          "ENTITY_TYPE", "ENTITY_ID", "REQUEST_ID"};

Row EventRow(const v1::AuditEvent& e) {
  return {e.seq() == 0 ? "pending" : std::to_string(e.seq()),
          std::to_string(e.id()),
          TimeText(e.occur_time()),
          e.actor(),
          e.role(),
          e.action(),
          e.entity_type(),
          e.entity_id(),
          e.request_id()};
}

// Parses an RFC 3339 instant given to `flag` into `out`.
absl::Status TimeFlag(const std::string& flag, const std::string& text,
                      google::protobuf::Timestamp* out) {
  if (!google::protobuf::util::TimeUtil::FromString(text, out))
    return UsageError(flag, "TIME_INVALID",
                      fmt::format("\"{}\" is not an RFC 3339 instant "
                                  "(e.g. 2025-01-06T09:00:00Z)",
                                  text));
  return absl::OkStatus();
}

struct ListFlags {
  v1::ListAuditEventsRequest req;
  std::string since, until;
  PageOptions page;
};

void AddList(CLI::App* noun, CommandContext* ctx) {
  auto flags = std::make_shared<ListFlags>();
  v1::ListAuditEventsRequest& req = flags->req;
  auto* cmd = noun->add_subcommand("list", "List audit events, newest first");
  cmd->add_option("--entity-type", *req.mutable_entity_type(),
                  "Only this kind of record, e.g. round");
  cmd->add_option("--entity-id", *req.mutable_entity_id(), "Only this record");
  cmd->add_option("--actor", *req.mutable_actor(), "Only this caller subject");
  cmd->add_option("--since", flags->since, "Only at or after (RFC 3339)");
  cmd->add_option("--until", flags->until, "Only before (RFC 3339)");
  AddPageFlags(cmd, &flags->page);
  OnRun(cmd, ctx, [flags](Client& client, const Printer& out) -> absl::Status {
    v1::ListAuditEventsRequest req = flags->req;
    if (!flags->since.empty())
      RETURN_IF_ERROR(TimeFlag("--since", flags->since, req.mutable_since()));
    if (!flags->until.empty())
      RETURN_IF_ERROR(TimeFlag("--until", flags->until, req.mutable_until()));
    req.set_page_size(flags->page.page_size);
    req.set_page_token(flags->page.page_token);
    v1::ListAuditEventsResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.audit().ListAuditEvents(c, req, &resp);
    }));
    return out.Print(resp, TableOf(kEventHeader, resp.events(), EventRow),
                     resp.next_page_token());
  });
}

// "ALTERED" for AUDIT_PROBLEM_ALTERED.
std::string ProblemName(v1::AuditProblem problem) {
  std::string name = v1::AuditProblem_Name(problem);
  constexpr std::string_view kPrefix = "AUDIT_PROBLEM_";
  return name.rfind(kPrefix, 0) == 0 ? name.substr(kPrefix.size()) : name;
}

// One sentence for people: "ok: ..." or what is wrong and where.
std::string VerdictLine(const v1::VerifyAuditTrailResponse& r) {
  if (r.ok())
    return fmt::format("ok: {} events checked; head seq {} hash {}{}",
                       r.events_checked(), r.head_seq(), r.head_hash(),
                       r.checkpoint_seq() == 0
                           ? ""
                           : fmt::format("; extends the checkpoint at seq {}",
                                         r.checkpoint_seq()));
  return fmt::format("{} at seq {} (event id {}): {}", ProblemName(r.problem()),
                     r.bad_seq(), r.bad_event_id(), r.detail());
}

Table VerdictTable(const v1::VerifyAuditTrailResponse& r) {
  return {{"OK", "EVENTS_CHECKED", "HEAD_SEQ", "HEAD_HASH", "BAD_SEQ",
           "BAD_EVENT_ID", "PROBLEM", "DETAIL", "CHECKPOINT_SEQ"},
          {{r.ok() ? "true" : "false", std::to_string(r.events_checked()),
            std::to_string(r.head_seq()), r.head_hash(),
            std::to_string(r.bad_seq()), std::to_string(r.bad_event_id()),
            r.ok() ? "" : ProblemName(r.problem()), r.detail(),
            std::to_string(r.checkpoint_seq())}}};
}

struct VerifyFlags {
  std::string checkpoint, public_key;
};

// The checkpoint file's text; with a public key, checked here first, so a
// funder can tell a genuine checkpoint with no secret of grantsd's.
absl::StatusOr<std::string> CheckpointText(const VerifyFlags& f) {
  ASSIGN_OR_RETURN(std::string text,
                   ReadFileForFlag("--checkpoint", f.checkpoint));
  if (f.public_key.empty()) return text;
  ASSIGN_OR_RETURN(std::string pem,
                   ReadFileForFlag("--public-key", f.public_key));
  absl::StatusOr<audit::Checkpoint> c =
      audit::ParseCheckpoint(text, "--checkpoint");
  if (!c.ok()) return UsageErrorFrom("--checkpoint", c.status());
  absl::Status signed_by = audit::VerifySignature(*c, pem, "--checkpoint");
  if (!signed_by.ok()) return UsageErrorFrom("--checkpoint", signed_by);
  return text;
}

void AddVerify(CLI::App* noun, CommandContext* ctx) {
  auto flags = std::make_shared<VerifyFlags>();
  auto* cmd = noun->add_subcommand(
      "verify",
      "Recompute the chain (and that it still extends a checkpoint); exit 1 "
      "when it does not verify");
  cmd->add_option("--checkpoint", flags->checkpoint,
                  "A checkpoint file (audit checkpoint) the trail must extend");
  cmd->add_option("--public-key", flags->public_key,
                  "Check the checkpoint's signature here first with this "
                  "public key (PEM)");
  OnRun(cmd, ctx, [ctx, flags](Client& client,
                               const Printer& out) -> absl::Status {
    v1::VerifyAuditTrailRequest req;
    if (!flags->checkpoint.empty()) {
      ASSIGN_OR_RETURN(*req.mutable_checkpoint(), CheckpointText(*flags));
    } else if (!flags->public_key.empty()) {
      return UsageError("--public-key", "CHECKPOINT_REQUIRED",
                        "--public-key checks a --checkpoint; give one");
    }
    v1::VerifyAuditTrailResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.audit().VerifyAuditTrail(c, req, &resp);
    }));
    if (!resp.ok()) ctx->exit_code = 1;
    if (out.format() != OutputFormat::kTable)
      return out.Print(resp, VerdictTable(resp));
    std::cout << VerdictLine(resp) << '\n';
    return absl::OkStatus();
  });
}

struct CheckpointFlags {
  std::string out, public_key_out;
};

absl::Status WriteText(const std::string& flag, const std::string& path,
                       const std::string& text) {
  std::ofstream file(path, std::ios::binary);
  file << text;
  if (!file.good())
    return UsageError(flag, "FILE_UNWRITABLE", "cannot write " + path);
  return absl::OkStatus();
}

void AddCheckpoint(CLI::App* noun, CommandContext* ctx) {
  auto flags = std::make_shared<CheckpointFlags>();
  auto* cmd = noun->add_subcommand(
      "checkpoint",
      "Sign a statement of the trail's head to keep outside the database");
  cmd->add_option("--out", flags->out,
                  "Write the checkpoint here (default: standard output)");
  cmd->add_option("--public-key-out", flags->public_key_out,
                  "Also write the public key that checks it (PEM)");
  OnRun(cmd, ctx, [flags](Client& client, const Printer& out) -> absl::Status {
    v1::CreateCheckpointResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.audit().CreateCheckpoint(c, v1::CreateCheckpointRequest(),
                                             &resp);
    }));
    if (!flags->public_key_out.empty())
      RETURN_IF_ERROR(WriteText("--public-key-out", flags->public_key_out,
                                resp.public_key_pem()));
    if (flags->out.empty() && out.format() == OutputFormat::kTable) {
      std::cout << resp.checkpoint();
      return absl::OkStatus();
    }
    if (!flags->out.empty())
      RETURN_IF_ERROR(WriteText("--out", flags->out, resp.checkpoint()));
    if (out.format() != OutputFormat::kTable)
      return out.Print(resp, Table{{"SEQ", "HASH", "TIME"},
                                   {{std::to_string(resp.seq()), resp.hash(),
                                     TimeText(resp.create_time())}}});
    std::cout << fmt::format("checkpoint at seq {} ({}) written to {}\n",
                             resp.seq(), resp.hash(), flags->out);
    return absl::OkStatus();
  });
}

}  // namespace

void AddAuditCommands(CLI::App& app, CommandContext* ctx) {
  auto* noun = app.add_subcommand("audit", "The append-only audit trail");
  noun->require_subcommand(1);
  AddList(noun, ctx);
  AddVerify(noun, ctx);
  AddCheckpoint(noun, ctx);
}

}  // namespace grants::ctl
