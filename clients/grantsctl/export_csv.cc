// `grantsctl export grants-csv` and `payments-csv`: every award (as the
// 360Giving flat columns funders' tools read) or every payment, streamed
// page by page into a CSV file (flat memory), with progress on a terminal.
// Reach figures are small (one row per group): `reach summary -o csv`.
#include <fmt/format.h>

#include <fstream>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "clients/grantsctl/commands.h"
#include "clients/grantsctl/flags.h"
#include "common/status.h"

namespace grants::ctl {
namespace {

using nlohmann::json;

const Row kGrantColumns = {"Identifier",
                           "Title",
                           "Description",
                           "Currency",
                           "Amount Awarded",
                           "Amount Disbursed",
                           "Award Date",
                           "Planned Dates:Start Date",
                           "Planned Dates:End Date",
                           "Recipient Org:Identifier",
                           "Recipient Org:Name",
                           "Funding Org:Identifier",
                           "Funding Org:Name",
                           "Grant Programme:Title",
                           "Beneficiary Location:Name",
                           "Beneficiary Location:Geographic Code",
                           "Classifications:Title"};

const Row kPaymentColumns = {"Payment ID",
                             "Award ID",
                             "Organisation ID",
                             "Instalment",
                             "Currency",
                             "Amount (minor units)",
                             "Due",
                             "Due Date",
                             "State",
                             "Requested By",
                             "Authorised By",
                             "Instruction ID",
                             "Paid (minor units)",
                             "Paid Date",
                             "Bank Reference",
                             "Replaces Payment ID"};

// A JSON scalar as text ("" when absent or null).
std::string Text(const json& j) {
  if (j.is_null()) return "";
  if (j.is_string()) return j.get<std::string>();
  return j.dump();
}

// `key` of every element of `array` (an array of objects), joined by "; ".
std::string Joined(const json& grant, const char* array, const char* key) {
  std::string out;
  if (!grant.contains(array)) return out;
  for (const auto& item : grant[array]) {
    if (!item.contains(key)) continue;
    out += (out.empty() ? "" : "; ") + Text(item[key]);
  }
  return out;
}

// The first element's `key` of `array`, or "".
std::string First(const json& grant, const char* array, const char* key) {
  if (!grant.contains(array) || grant[array].empty() ||
      !grant[array][0].contains(key))
    return "";
  return Text(grant[array][0][key]);
}

Row GrantColumns(const std::string& grant_json) {
  json g = json::parse(grant_json);
  auto field = [&](const char* key) {
    return g.contains(key) ? Text(g[key]) : std::string();
  };
  return {field("id"),
          field("title"),
          field("description"),
          field("currency"),
          field("amountAwarded"),
          field("amountDisbursed"),
          field("awardDate"),
          First(g, "plannedDates", "startDate"),
          First(g, "plannedDates", "endDate"),
          First(g, "recipientOrganization", "id"),
          First(g, "recipientOrganization", "name"),
          Joined(g, "fundingOrganization", "id"),
          Joined(g, "fundingOrganization", "name"),
          First(g, "grantProgramme", "title"),
          Joined(g, "beneficiaryLocation", "name"),
          Joined(g, "beneficiaryLocation", "geoCode"),
          Joined(g, "classifications", "title")};
}

Row PaymentColumns(const v1::Payment& p) {
  return {
      p.id(),
      p.award_id(),
      p.organisation_id(),
      std::to_string(p.instalment()),
      p.amount().currency_code(),
      std::to_string(p.amount().minor_units()),
      CodeOf(p.due()),
      p.due_date(),
      CodeOf(p.state()),
      p.requested_by(),
      p.authorised_by(),
      p.instruction_id(),
      p.has_paid_amount() ? std::to_string(p.paid_amount().minor_units()) : "",
      p.paid_date(),
      p.bank_reference(),
      p.replaces_payment_id()};
}

struct CsvFlags {
  std::string out, programme, award;
};

// Opens `path`, writes the header, then `stream(file)`; reports the rows.
absl::Status WriteCsv(
    const std::string& path, const Row& header, const Printer& out,
    const std::function<absl::StatusOr<int64_t>(std::ostream&)>& stream) {
  std::ofstream file(path, std::ios::binary);
  if (!file)
    return UsageError("--out", "FILE_UNWRITABLE", "cannot write " + path);
  file << CsvLine(header) << "\r\n";
  ASSIGN_OR_RETURN(int64_t rows, stream(file));
  file.flush();
  if (!file.good())
    return UsageError("--out", "FILE_UNWRITABLE", "write failed");
  v1::ExportGrantsResponse summary;
  return out.Print(summary,
                   {{"WROTE", "ROWS"}, {{path, std::to_string(rows)}}});
}

}  // namespace

void AddCsvExports(CLI::App* noun, CommandContext* ctx) {
  auto f = std::make_shared<CsvFlags>();
  auto* grants_cmd = noun->add_subcommand(
      "grants-csv", "Write the awards as CSV (360Giving flat columns)");
  grants_cmd->add_option("--out", f->out, "The CSV file to write")->required();
  grants_cmd->add_option("--programme", f->programme, "Only this programme");
  OnRun(grants_cmd, ctx, [f](Client& client, const Printer& out) {
    return WriteCsv(
        f->out, kGrantColumns, out,
        [&](std::ostream& file) -> absl::StatusOr<int64_t> {
          v1::ExportGrantsRequest req;
          req.set_programme_id(f->programme);
          req.set_page_size(500);
          int64_t rows = 0, total = 0;
          do {
            v1::ExportGrantsResponse page;
            RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
              return client.monitoring().ExportGrants(c, req, &page);
            }));
            if (req.page_token().empty()) total = page.total();
            for (const auto& g : page.grants())
              file << CsvLine(GrantColumns(g)) << "\r\n";
            rows += page.grants_size();
            for (const auto& p : page.problems())
              fmt::print(stderr, "\nnot exported: {}\n", p);
            Progress("exported grants", rows, total,
                     page.next_page_token().empty());
            req.set_page_token(page.next_page_token());
          } while (!req.page_token().empty() && file.good());
          return rows;
        });
  });

  auto* payments_cmd = noun->add_subcommand(
      "payments-csv", "Write the payments as CSV (amounts in minor units)");
  payments_cmd->add_option("--out", f->out, "The CSV file to write")
      ->required();
  payments_cmd->add_option("--award", f->award, "Only this award");
  OnRun(payments_cmd, ctx, [f](Client& client, const Printer& out) {
    return WriteCsv(
        f->out, kPaymentColumns, out,
        [&](std::ostream& file) -> absl::StatusOr<int64_t> {
          v1::ListPaymentsRequest req;
          req.set_award_id(f->award);
          req.set_page_size(500);
          int64_t rows = 0;
          do {
            v1::ListPaymentsResponse page;
            RETURN_IF_ERROR(client.Call([&](grpc::ClientContext* c) {
              return client.payments().ListPayments(c, req, &page);
            }));
            for (const auto& p : page.payments())
              file << CsvLine(PaymentColumns(p)) << "\r\n";
            rows += page.payments_size();
            Progress("exported payments", rows, 0,
                     page.next_page_token().empty());
            req.set_page_token(page.next_page_token());
          } while (!req.page_token().empty() && file.good());
          return rows;
        });
  });
}

}  // namespace grants::ctl
