// 360Giving (1.4.3) export of awards: grant JSON and a flat-memory package.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace grants::reach {

// An organisation: its org-id ("GB-CHC-1085314", "GB-COH-01234567",
// "360G-GRANTSLDN-ORG-9") and its name.
struct OrgRef {
  std::string id;
  std::string name;
};

struct CodeName {
  std::string code;
  std::string name;
};

// One award as our system knows it.
struct GrantRecord {
  std::string reference;             // unique per award, e.g. "EUSS-R1-0007"
  std::string title;                 // required, non-empty
  std::string description;           // the application's project summary
  std::string currency;              // ISO 4217, e.g. "GBP"; minor unit = 1/100
  int64_t amount_awarded_minor = 0;  // pence, >= 0
  int64_t amount_disbursed_minor = 0;      // paid so far, pence, >= 0
  std::string award_date;                  // "YYYY-MM-DD" (London date)
  std::string planned_start, planned_end;  // "YYYY-MM-DD" or ""
  OrgRef recipient;
  std::string recipient_charity_number, recipient_company_number;  // or ""
  std::vector<OrgRef> funders;        // every funder with a share (>= 1)
  CodeName programme;                 // e.g. {"EUSS", "EU Settlement ..."}
  CodeName round;                     // e.g. {"EUSS-R1", "Round 1"}
  std::vector<CodeName> boroughs;     // GSS codes E09000001..E09000033
  std::vector<CodeName> communities;  // our community codes and titles
  std::string last_modified;          // RFC 3339 with zone, or ""
};

// Who publishes the package. Empty optional fields are left out.
struct Publisher {
  std::string prefix = "360G-GRANTSLDN";  // registered 360Giving prefix
  std::string name;                       // required for package metadata
  std::string identifier;                 // the publisher's org-id
  std::string website;                    // absolute URI
  std::string license = "https://creativecommons.org/licenses/by/4.0/";
  // Additions, all optional:
  std::string title;         // package title
  std::string download_url;  // package downloadURL and each grant's dataSource
  std::string modified;      // package "modified", RFC 3339 with zone
};

// The 360Giving schema version written in package metadata ("major.minor":
// the package schema rejects "1.4.3").
inline constexpr std::string_view kSchemaVersion = "1.4";

// The grant's 360Giving id: "<prefix>-<reference>", with whitespace turned
// into "_" and "/" or "\" into "-". Throws std::invalid_argument when the
// reference is empty.
std::string GrantId(const Publisher& publisher, const std::string& reference);

// Minor units (pence) as the text of a JSON number in major units, made by
// integer division: 250050 -> "2500.5", 250000 -> "2500", 5 -> "0.05",
// -5 -> "-0.05". Exact for every int64_t.
std::string FormatMajorUnits(int64_t minor);

// Minor units as a JSON number in major units: an integer when whole,
// otherwise a double whose shortest form is FormatMajorUnits(minor). Throws
// std::out_of_range for a fractional amount of 10^13 major units or more,
// which a double cannot carry exactly.
nlohmann::json MajorUnitsJson(int64_t minor);

// What stops `record` from becoming a valid grant, one message per problem
// (empty when it can be exported): missing reference, title, recipient or
// funder; a bad currency code; a negative or unrepresentable amount; an
// impossible date or a planned end before the start; a last_modified without
// a zone; a borough code outside E09000001..E09000033.
std::vector<std::string> GrantProblems(const GrantRecord& record);

// One grant as a 360Giving grant object: id (GrantId), title, description,
// currency, amountAwarded and amountDisbursed (when > 0) in major units,
// awardDate as given, plannedDates [{startDate, endDate}] with what is set,
// recipientOrganization [{id, name, charityNumber, companyNumber}] (numbers
// taken from a GB-CHC/GB-SC/GB-COH id when not given), fundingOrganization,
// grantProgramme [{code: round code, title: "programme — round"}],
// beneficiaryLocation per borough (geoCodeType "LONB", countryCode "GB"),
// classifications (vocabulary "<prefix>-communities"), dateModified and
// dataSource when set. Repeated funders, boroughs and communities appear
// once. Throws std::invalid_argument with the GrantProblems if there are any.
nlohmann::json ToGrant(const Publisher& publisher, const GrantRecord& record);

// ToGrant as compact JSON text (UTF-8 kept as is). Throws
// std::invalid_argument as ToGrant does, and for text that is not UTF-8.
std::string ToGrantText(const Publisher& publisher, const GrantRecord& record);

// Writes a 360Giving package to `out` one grant at a time, one grant per
// line: {"grants":[ ...grants... ], <package metadata>}. Keeps nothing but a
// count, so grant ids are not checked for uniqueness here (references are
// unique per award; tests/validate_360giving.py checks the file).
// Throws std::runtime_error when `out` fails and std::logic_error when used
// after Finish().
class PackageWriter {
 public:
  // Throws std::invalid_argument when the prefix is empty, `modified` is set
  // but not a date or RFC 3339 date-time, or a set website, license or
  // download_url is not an absolute http(s) URI.
  PackageWriter(std::ostream& out, Publisher publisher);

  // Writes the head. Idempotent; Add, AddJson and Finish call it.
  void Begin();

  // Writes ToGrantText(publisher, record). Throws as ToGrant does, in which
  // case nothing is written.
  void Add(const GrantRecord& record);

  // Writes a ready-made grant object. Throws std::invalid_argument, writing
  // nothing, unless the text is exactly one well-formed JSON object; its
  // content is not checked against the schema.
  void AddJson(std::string_view grant_object_text);

  // Writes the tail with the package metadata: version kSchemaVersion,
  // publisher {name, identifier, website} when the name is set, license,
  // downloadURL, title and modified when set. Throws std::logic_error when
  // no grant was added (the schema needs at least one).
  void Finish();

  // Grants written so far.
  int64_t written() const { return written_; }

 private:
  void WriteGrantText(std::string_view text);
  void CheckStream() const;

  std::ostream& out_;
  Publisher publisher_;
  int64_t written_ = 0;
  bool begun_ = false;
  bool finished_ = false;
};

}  // namespace grants::reach
