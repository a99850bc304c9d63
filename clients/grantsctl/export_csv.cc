// `grantsctl export grants-csv` and `payments-csv`: every award (as the
// 360Giving flat columns funders' tools read) or every payment, streamed
// page by page into a CSV file (flat memory), with progress on a terminal.
// The files open cleanly in a spreadsheet: UTF-8 with a byte-order mark
// (unless --no-bom), CRLF line ends, amounts in pounds beside pence, and
// each payment row naming its grant and recipient.
// Reach figures are small (one row per group): `reach summary -o csv`.
#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
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
                             "Grant Reference",
                             "Recipient Name",
                             "Instalment",
                             "Currency",
                             "Amount",
                             "Amount (minor units)",
                             "Due",
                             "Due Date",
                             "State",
                             "Requested By",
                             "Authorised By",
                             "Instruction ID",
                             "Paid",
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

// 150000 -> "1500.00": major units with two decimals, no separators, as
// a spreadsheet reads a number.
std::string Major(int64_t minor) {
  return fmt::format("{}{}.{:02}", minor < 0 ? "-" : "", std::abs(minor) / 100,
                     std::abs(minor) % 100);
}

// The grant reference (its application's tracking reference) and the
// recipient's name for each award, read once per award and organisation.
class GrantNames {
 public:
  explicit GrantNames(Client& client) : client_(client) {}

  struct Grant {
    std::string reference, recipient;
  };
  absl::StatusOr<Grant> Of(const v1::Payment& p) {
    auto it = grants_.find(p.award_id());
    if (it != grants_.end()) return it->second;
    v1::GetAwardRequest award_req;
    award_req.set_id(p.award_id());
    v1::Award award;
    RETURN_IF_ERROR(client_.Call([&](grpc::ClientContext* c) {
      return client_.awards().GetAward(c, award_req, &award);
    }));
    v1::GetApplicationRequest app_req;
    app_req.set_id(award.application_id());
    v1::Application app;
    RETURN_IF_ERROR(client_.Call([&](grpc::ClientContext* c) {
      return client_.applications().GetApplication(c, app_req, &app);
    }));
    ASSIGN_OR_RETURN(std::string name, Recipient(award.organisation_id()));
    return grants_[p.award_id()] = Grant{app.reference(), name};
  }

 private:
  absl::StatusOr<std::string> Recipient(const std::string& id) {
    auto it = names_.find(id);
    if (it != names_.end()) return it->second;
    v1::GetOrganisationRequest req;
    req.set_id(id);
    v1::Organisation org;
    RETURN_IF_ERROR(client_.Call([&](grpc::ClientContext* c) {
      return client_.organisations().GetOrganisation(c, req, &org);
    }));
    return names_[id] = org.profile().name();
  }

  Client& client_;
  std::map<std::string, Grant> grants_;
  std::map<std::string, std::string> names_;
};

Row PaymentColumns(const v1::Payment& p, const GrantNames::Grant& grant) {
  return {
      p.id(),
      p.award_id(),
      p.organisation_id(),
      grant.reference,
      grant.recipient,
      std::to_string(p.instalment()),
      p.amount().currency_code(),
      Major(p.amount().minor_units()),
      std::to_string(p.amount().minor_units()),
      CodeOf(p.due()),
      p.due_date(),
      CodeOf(p.state()),
      p.requested_by(),
      p.authorised_by(),
      p.instruction_id(),
      p.has_paid_amount() ? Major(p.paid_amount().minor_units()) : "",
      p.has_paid_amount() ? std::to_string(p.paid_amount().minor_units()) : "",
      p.paid_date(),
      p.bank_reference(),
      p.replaces_payment_id()};
}

struct CsvFlags {
  std::string out, programme, award;
  bool no_bom = false;
};

// Opens `path`, writes the header, then `stream(file)`; reports the rows.
absl::Status WriteCsv(
    const std::string& path, bool bom, const Row& header, const Printer& out,
    const std::function<absl::StatusOr<int64_t>(std::ostream&)>& stream) {
  std::ofstream file(path, std::ios::binary);
  if (!file)
    return UsageError("--out", "FILE_UNWRITABLE", "cannot write " + path);
  // Spreadsheets take a file without it for their own code page, and
  // mangle every accented name.
  if (bom) file << "\xEF\xBB\xBF";
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
  grants_cmd->add_flag("--no-bom", f->no_bom,
                       "Leave out the UTF-8 byte-order mark spreadsheets need");
  OnRun(grants_cmd, ctx, [f](Client& client, const Printer& out) {
    return WriteCsv(
        f->out, !f->no_bom, kGrantColumns, out,
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
      "payments-csv",
      "Write the payments as CSV (amounts in pounds and in pence, each with "
      "its grant reference and recipient)");
  payments_cmd->add_option("--out", f->out, "The CSV file to write")
      ->required();
  payments_cmd->add_option("--award", f->award, "Only this award");
  payments_cmd->add_flag(
      "--no-bom", f->no_bom,
      "Leave out the UTF-8 byte-order mark spreadsheets need");
  OnRun(payments_cmd, ctx, [f](Client& client, const Printer& out) {
    GrantNames names(client);
    return WriteCsv(
        f->out, !f->no_bom, kPaymentColumns, out,
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
            for (const auto& p : page.payments()) {
              ASSIGN_OR_RETURN(GrantNames::Grant grant, names.Of(p));
              file << CsvLine(PaymentColumns(p, grant)) << "\r\n";
            }
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
