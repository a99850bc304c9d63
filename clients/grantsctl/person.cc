// `grantsctl person`: personal data held about a group (issue #15).
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "clients/grantsctl/commands.h"
#include "clients/grantsctl/flags.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

// A request names a group or a person.
absl::Status NameOne(const std::string& organisation_id,
                     const std::string& email) {
  if (organisation_id.empty() && email.empty())
    return UsageError("--organisation", "REQUIRED",
                      "name a group (--organisation) or a person (--email)");
  return absl::OkStatus();
}

void AddErase(CLI::App* noun, CommandContext* ctx) {
  auto req = std::make_shared<v1::ErasePersonalDataRequest>();
  auto* cmd = noun->add_subcommand(
      "erase",
      "Erase a group's personal data, keeping the books (administrators; "
      "refused under a legal hold), or one person's");
  auto* org = cmd->add_option("--organisation", *req->mutable_organisation_id(),
                              "The group's organisation id");
  cmd->add_option("--email", *req->mutable_email(),
                  "Or one person, by address: they leave every group's "
                  "contacts, and their address goes from the records")
      ->excludes(org);
  OnRun(cmd, ctx, [req](Client& client, const Printer& out) -> absl::Status {
    RETURN_IF_ERROR(NameOne(req->organisation_id(), req->email()));
    req->set_request_id(client.RequestId());
    v1::ErasePersonalDataResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.organisations().ErasePersonalData(c, *req, &resp);
    }));
    std::string groups;
    for (const auto& id : resp.organisation_ids())
      groups += (groups.empty() ? "" : " ") + id;
    if (!req->email().empty())
      return out.Print(
          resp, Table{{"PERSON", "ERASED", "ALREADY_ERASED", "LISTED_BY"},
                      {{resp.person_id(), TimeText(resp.erase_time()),
                        resp.already_erased() ? "true" : "false", groups}}});
    return out.Print(
        resp, Table{{"ORGANISATION", "ERASED", "ALREADY_ERASED"},
                    {{resp.organisation_id(), TimeText(resp.erase_time()),
                      resp.already_erased() ? "true" : "false"}}});
  });
}

struct ExportFlags {
  v1::ExportPersonalDataRequest req;
  std::string out;
};

// One line per part of the document: how many records it holds.
std::string Summary(const nlohmann::json& document) {
  std::string out;
  for (const auto& [part, value] : document.items()) {
    size_t n = value.is_array() ? value.size() : (value.is_null() ? 0 : 1);
    out += part + ": " + std::to_string(n) + "\n";
  }
  return out;
}

// `value` as "key: value" lines, nested keys joined with dots.
void Flatten(const nlohmann::json& value, const std::string& key,
             std::string* out) {
  if (value.is_object() || value.is_array()) {
    size_t i = 0;
    for (const auto& [k, v] : value.items()) {
      std::string name = value.is_array() ? std::to_string(i++) : k;
      Flatten(v, key.empty() ? name : key + "." + name, out);
    }
    return;
  }
  if (value.is_null() || (value.is_string() && value.get<std::string>().empty()))
    return;
  *out += "  " + key + ": " +
          (value.is_string() ? value.get<std::string>() : value.dump()) + "\n";
}

// The document for a person to read: each part a heading, each record its
// fields one a line.
std::string Readable(const nlohmann::json& document,
                     const std::string& subject) {
  std::string out = "Everything held about " + subject + "\n";
  for (const auto& [part, value] : document.items()) {
    nlohmann::json records =
        value.is_array() ? value
                         : (value.is_null() ? nlohmann::json::array()
                                            : nlohmann::json::array({value}));
    out += "\n== " + part + " (" + std::to_string(records.size()) + ") ==\n";
    int n = 0;
    for (const auto& record : records) {
      out += "- " + std::to_string(++n) + "\n";
      Flatten(record, "", &out);
    }
  }
  return out;
}

void AddExport(CLI::App* noun, CommandContext* ctx) {
  auto flags = std::make_shared<ExportFlags>();
  auto* cmd = noun->add_subcommand(
      "export",
      "Everything held about a group and its people, for a subject-access "
      "request (administrators; the export is audited)");
  auto* org = cmd->add_option("--organisation",
                              *flags->req.mutable_organisation_id(),
                              "The group's organisation id");
  cmd->add_option("--email", *flags->req.mutable_email(),
                  "Or one person, by address")
      ->excludes(org);
  cmd->add_option("--out", flags->out,
                  "Write the JSON document here, a readable text of it to "
                  "FILE.txt, and print a summary "
                  "(default: the document to standard output)");
  OnRun(cmd, ctx, [flags](Client& client, const Printer&) -> absl::Status {
    RETURN_IF_ERROR(NameOne(flags->req.organisation_id(), flags->req.email()));
    v1::ExportPersonalDataResponse resp;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.organisations().ExportPersonalData(c, flags->req, &resp);
    }));
    nlohmann::json document = nlohmann::json::parse(resp.document_json());
    if (flags->out.empty()) {
      std::cout << document.dump(2) << '\n';
      return absl::OkStatus();
    }
    std::ofstream file(flags->out, std::ios::binary);
    file << document.dump(2) << '\n';
    if (!file.good())
      return UsageError("--out", "FILE_UNWRITABLE",
                        "cannot write " + flags->out);
    const std::string text_path = flags->out + ".txt";
    std::ofstream text(text_path, std::ios::binary);
    text << Readable(document, flags->req.email().empty()
                                   ? resp.organisation_id() + " and its people"
                                   : flags->req.email());
    if (!text.good())
      return UsageError("--out", "FILE_UNWRITABLE", "cannot write " + text_path);
    const std::string subject = flags->req.email().empty()
                                    ? resp.organisation_id()
                                    : flags->req.email();
    std::cout << "everything held about " << subject
              << " written to " << flags->out << " (and, to read, "
              << text_path << "):\n"
              << Summary(document);
    return absl::OkStatus();
  });
}

}  // namespace

void AddPersonCommands(CLI::App& app, CommandContext* ctx) {
  auto* noun = app.add_subcommand("person", "Personal data held about a group");
  noun->require_subcommand(1);
  AddErase(noun, ctx);
  AddExport(noun, ctx);
}

}  // namespace grants::ctl
