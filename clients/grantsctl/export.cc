// `grantsctl export 360giving`: the awards as a 360Giving package, streamed
// page by page from grantsd into a file (flat memory), with progress on a
// terminal. The CSV exports are in export_csv.cc.
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

#include "clients/grantsctl/commands.h"
#include "clients/grantsctl/flags.h"
#include "common/status.h"
#include "domain/reach/open_data.h"

namespace grants::ctl {
namespace {

struct ExportFlags {
  std::string out, programme;
  reach::Publisher publisher;
};

absl::Status Stream(Client& client, const ExportFlags& f, std::ostream& file,
                    reach::PackageWriter& writer, int64_t* problems) {
  v1::ExportGrantsRequest req;
  req.set_programme_id(f.programme);
  req.set_page_size(500);
  int64_t total = 0;  // told on the first page
  do {
    v1::ExportGrantsResponse page;
    RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
      return client.monitoring().ExportGrants(c, req, &page);
    }));
    for (const auto& g : page.grants()) writer.AddJson(g);
    for (const auto& p : page.problems())
      fmt::print(stderr, "\nnot exported: {}\n", p);
    *problems += page.problems_size();
    if (req.page_token().empty()) total = page.total();
    Progress("exported grants", writer.written(), total,
             page.next_page_token().empty());
    req.set_page_token(page.next_page_token());
  } while (!req.page_token().empty() && file.good());
  return absl::OkStatus();
}

}  // namespace

void AddExportCommands(CLI::App& app, CommandContext* ctx) {
  auto* noun = app.add_subcommand("export", "Open data and CSV exports");
  noun->require_subcommand(1);
  AddCsvExports(noun, ctx);
  auto f = std::make_shared<ExportFlags>();
  f->publisher.prefix = "360G-GRANTSLDN";
  f->publisher.name = "London small grants (pooled fund)";
  auto* cmd = noun->add_subcommand(
      "360giving", "Write the awards as a 360Giving package (schema 1.4)");
  cmd->add_option("--out", f->out, "The JSON file to write")->required();
  cmd->add_option("--programme", f->programme, "Only this programme");
  cmd->add_option("--publisher-name", f->publisher.name, "Publisher name")
      ->capture_default_str();
  cmd->add_option("--publisher-id", f->publisher.identifier,
                  "Publisher org-id");
  cmd->add_option("--website", f->publisher.website,
                  "Publisher website (https)");
  OnRun(cmd, ctx, [f](Client& client, const Printer& out) -> absl::Status {
    std::ofstream file(f->out, std::ios::binary);
    if (!file)
      return UsageError("--out", "FILE_UNWRITABLE", "cannot write " + f->out);
    int64_t problems = 0;
    try {
      reach::PackageWriter writer(file, f->publisher);
      RETURN_IF_ERROR(Stream(client, *f, file, writer, &problems));
      if (writer.written() == 0)
        return UsageError("--programme", "NOTHING_TO_EXPORT",
                          "no awards to publish");
      writer.Finish();
      if (!file.good())
        return UsageError("--out", "FILE_UNWRITABLE", "write failed");
      v1::ExportGrantsResponse summary;
      return out.Print(summary, {{"WROTE", "GRANTS", "NOT_EXPORTED"},
                                 {{f->out, std::to_string(writer.written()),
                                   std::to_string(problems)}}});
    } catch (const std::exception& e) {
      return UsageError("--publisher-name", "EXPORT_INVALID", e.what());
    }
  });
}

}  // namespace grants::ctl
