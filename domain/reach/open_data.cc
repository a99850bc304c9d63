// 360Giving export of awards: record-to-grant mapping and the package writer.
#include "domain/reach/open_data.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <set>
#include <stdexcept>
#include <utility>

namespace grants::reach {
namespace {

using nlohmann::json;

// A double carries every decimal of up to 15 significant digits exactly
// through its shortest form, so fractional amounts stop below 10^15 pence.
constexpr int64_t kMaxFractionalMinor = 1'000'000'000'000'000;

// Whether `s` has the shape of `pattern`, in which '9' stands for a digit.
bool HasShape(std::string_view s, std::string_view pattern) {
  return s.size() == pattern.size() &&
         std::equal(s.begin(), s.end(), pattern.begin(), [](char c, char p) {
           return p == '9' ? std::isdigit(static_cast<unsigned char>(c)) != 0
                           : c == p;
         });
}

int ToInt(std::string_view s) { return std::atoi(std::string(s).c_str()); }

// "YYYY-MM-DD" naming a real calendar day (the schema's pattern alone
// accepts 2024-02-30).
bool IsValidDate(std::string_view s) {
  if (!HasShape(s, "9999-99-99")) return false;
  const int year = ToInt(s.substr(0, 4)), month = ToInt(s.substr(5, 2));
  const int day = ToInt(s.substr(8, 2));
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

// "hh:mm" (or "hh:mm:ss") within range.
bool IsValidClock(std::string_view s, int max_hour) {
  return ToInt(s.substr(0, 2)) <= max_hour && ToInt(s.substr(3, 2)) <= 59 &&
         (s.size() < 8 || ToInt(s.substr(6, 2)) <= 60);
}

// RFC 3339 date-time, which always carries a zone: "2025-06-30T12:00:00Z",
// "...T12:00:00.5+01:00". The schema's dateModified takes nothing else.
bool IsValidDateTime(std::string_view s) {
  if (s.size() < 20 || !IsValidDate(s.substr(0, 10)) ||
      !HasShape(s.substr(10, 9), "T99:99:99") ||
      !IsValidClock(s.substr(11, 8), 23)) {
    return false;
  }
  std::string_view zone = s.substr(19);
  if (zone.front() == '.') {
    const size_t digits = zone.find_first_not_of("0123456789", 1);
    if (digits == 1 || digits == std::string_view::npos) return false;
    zone.remove_prefix(digits);
  }
  if (zone == "Z") return true;
  return (HasShape(zone, "+99:99") || HasShape(zone, "-99:99")) &&
         IsValidClock(zone.substr(1), 23);
}

bool IsCurrencyCode(std::string_view s) {
  return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) {
           return c >= 'A' && c <= 'Z';
         });
}

// The 33 London boroughs (City of London included) are E09000001..033, the
// LONB entity of geoCodeType.csv.
bool IsLondonBoroughCode(std::string_view s) {
  return HasShape(s, "E09999999") && ToInt(s.substr(3)) >= 1 &&
         ToInt(s.substr(3)) <= 33;
}

bool HasPrefix(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool IsWebUri(std::string_view s) {
  return (HasPrefix(s, "https://") || HasPrefix(s, "http://")) &&
         s.find_first_of(" \t\r\n\"<>") == std::string_view::npos;
}

// The guidance asks for the unprefixed numbers beside the org-id; when the
// record lacks them, the id itself says what they are.
std::string NumberFromId(const std::string& given, const std::string& id,
                         std::initializer_list<std::string_view> prefixes) {
  if (!given.empty()) return given;
  for (std::string_view prefix : prefixes) {
    if (HasPrefix(id, prefix) && id.size() > prefix.size()) {
      return id.substr(prefix.size());
    }
  }
  return "";
}

void AddAmountProblems(const GrantRecord& r, std::vector<std::string>& out) {
  const std::pair<const char*, int64_t> amounts[] = {
      {"amount_awarded_minor", r.amount_awarded_minor},
      {"amount_disbursed_minor", r.amount_disbursed_minor}};
  for (const auto& [field, minor] : amounts) {
    if (minor < 0) out.push_back(std::string(field) + " is negative");
    if (minor % 100 != 0 && minor >= kMaxFractionalMinor) {
      out.push_back(std::string(field) + " is too large to publish exactly");
    }
  }
}

void AddDateProblems(const GrantRecord& r, std::vector<std::string>& out) {
  if (!IsValidDate(r.award_date)) {
    out.push_back("award_date is not a YYYY-MM-DD calendar date");
  }
  for (const auto* date : {&r.planned_start, &r.planned_end}) {
    if (!date->empty() && !IsValidDate(*date)) {
      out.push_back("planned date '" + *date + "' is not YYYY-MM-DD");
    }
  }
  if (!r.planned_start.empty() && !r.planned_end.empty() &&
      r.planned_end < r.planned_start) {
    out.push_back("planned_end is before planned_start");
  }
  if (!r.last_modified.empty() && !IsValidDateTime(r.last_modified)) {
    out.push_back("last_modified is not RFC 3339 with a zone");
  }
}

void AddPartyProblems(const GrantRecord& r, std::vector<std::string>& out) {
  if (r.recipient.id.empty() || r.recipient.name.empty()) {
    out.push_back("recipient needs an id and a name");
  }
  if (r.funders.empty()) out.push_back("at least one funder is required");
  for (const OrgRef& funder : r.funders) {
    if (funder.id.empty() || funder.name.empty()) {
      out.push_back("every funder needs an id and a name");
    }
  }
  for (const CodeName& borough : r.boroughs) {
    if (!IsLondonBoroughCode(borough.code)) {
      out.push_back("'" + borough.code + "' is not a London borough code");
    }
  }
}

// Keeps the first of items with the same key: a funder, borough or community
// entered twice is still one funder, place or community.
template <typename T, typename KeyOf>
std::vector<T> Distinct(const std::vector<T>& items, KeyOf key_of) {
  std::vector<T> distinct;
  std::set<std::string> seen;
  for (const T& item : items) {
    if (seen.insert(key_of(item)).second) distinct.push_back(item);
  }
  return distinct;
}

std::string CodeOf(const CodeName& c) { return c.code; }

json Organisation(const OrgRef& org) {
  return json{{"id", org.id}, {"name", org.name}};
}

json Recipient(const GrantRecord& r) {
  json org = Organisation(r.recipient);
  const std::string charity = NumberFromId(
      r.recipient_charity_number, r.recipient.id, {"GB-CHC-", "GB-SC-"});
  const std::string company =
      NumberFromId(r.recipient_company_number, r.recipient.id, {"GB-COH-"});
  if (!charity.empty()) org["charityNumber"] = charity;
  if (!company.empty()) org["companyNumber"] = company;
  return json::array({std::move(org)});
}

std::string ProgrammeTitle(const GrantRecord& r) {
  if (r.programme.name.empty()) return r.round.name;
  if (r.round.name.empty()) return r.programme.name;
  return r.programme.name + " \u2014 " + r.round.name;
}

void AddPlannedDates(const GrantRecord& r, json& grant) {
  if (r.planned_start.empty() && r.planned_end.empty()) return;
  json event = json::object();
  if (!r.planned_start.empty()) event["startDate"] = r.planned_start;
  if (!r.planned_end.empty()) event["endDate"] = r.planned_end;
  grant["plannedDates"] = json::array({std::move(event)});
}

void AddProgramme(const GrantRecord& r, json& grant) {
  json programme = json::object();
  if (!r.round.code.empty()) programme["code"] = r.round.code;
  const std::string title = ProgrammeTitle(r);
  if (!title.empty()) programme["title"] = title;
  if (!programme.empty()) grant["grantProgramme"] = json::array({programme});
}

void AddLocations(const GrantRecord& r, json& grant) {
  if (r.boroughs.empty()) return;
  json locations = json::array();
  for (const CodeName& borough : Distinct(r.boroughs, CodeOf)) {
    locations.push_back({{"name", borough.name},
                         {"geoCode", borough.code},
                         {"geoCodeType", "LONB"},
                         {"countryCode", "GB"}});
  }
  grant["beneficiaryLocation"] = std::move(locations);
}

void AddClassifications(const Publisher& p, const GrantRecord& r, json& grant) {
  if (r.communities.empty()) return;
  json classifications = json::array();
  for (const CodeName& community : Distinct(r.communities, CodeOf)) {
    classifications.push_back({{"vocabulary", p.prefix + "-communities"},
                               {"code", community.code},
                               {"title", community.name}});
  }
  grant["classifications"] = std::move(classifications);
}

std::string_view Trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  const size_t first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

}  // namespace

std::string GrantId(const Publisher& publisher, const std::string& reference) {
  if (reference.empty()) throw std::invalid_argument("empty reference");
  std::string id = publisher.prefix + "-" + reference;
  for (char& c : id) {
    if (std::isspace(static_cast<unsigned char>(c))) c = '_';
    if (c == '/' || c == '\\') c = '-';
  }
  return id;
}

std::string FormatMajorUnits(int64_t minor) {
  // Unsigned magnitude: -INT64_MIN does not fit in int64_t.
  const bool negative = minor < 0;
  const uint64_t magnitude = negative ? ~static_cast<uint64_t>(minor) + 1
                                      : static_cast<uint64_t>(minor);
  std::string text = (negative ? "-" : "") + std::to_string(magnitude / 100);
  const uint64_t cents = magnitude % 100;
  if (cents == 0) return text;
  text += '.';
  text += static_cast<char>('0' + cents / 10);
  if (cents % 10 != 0) text += static_cast<char>('0' + cents % 10);
  return text;
}

json MajorUnitsJson(int64_t minor) {
  if (minor % 100 == 0) return json(minor / 100);
  if (minor >= kMaxFractionalMinor || minor <= -kMaxFractionalMinor) {
    throw std::out_of_range("amount too large to publish exactly: " +
                            FormatMajorUnits(minor));
  }
  // The parser rounds the exact decimal text to the nearest double, whose
  // shortest form (what dump() writes) is that same text.
  return json::parse(FormatMajorUnits(minor));
}

std::vector<std::string> GrantProblems(const GrantRecord& r) {
  std::vector<std::string> problems;
  if (r.reference.empty()) problems.push_back("reference is empty");
  if (r.title.empty()) problems.push_back("title is empty");
  if (!IsCurrencyCode(r.currency)) {
    problems.push_back("currency '" + r.currency + "' is not ISO 4217");
  }
  AddAmountProblems(r, problems);
  AddDateProblems(r, problems);
  AddPartyProblems(r, problems);
  return problems;
}

json ToGrant(const Publisher& p, const GrantRecord& r) {
  if (const auto problems = GrantProblems(r); !problems.empty()) {
    std::string message = "grant '" + r.reference + "' cannot be exported:";
    for (const auto& problem : problems) message += " " + problem + ";";
    throw std::invalid_argument(message);
  }
  json funders = json::array();
  for (const OrgRef& funder :
       Distinct(r.funders, [](const OrgRef& o) { return o.id; })) {
    funders.push_back(Organisation(funder));
  }
  json grant = {{"id", GrantId(p, r.reference)},
                {"title", r.title},
                {"description", r.description},
                {"currency", r.currency},
                {"amountAwarded", MajorUnitsJson(r.amount_awarded_minor)},
                {"awardDate", r.award_date},
                {"recipientOrganization", Recipient(r)},
                {"fundingOrganization", std::move(funders)}};
  if (r.amount_disbursed_minor > 0) {
    grant["amountDisbursed"] = MajorUnitsJson(r.amount_disbursed_minor);
  }
  AddPlannedDates(r, grant);
  AddProgramme(r, grant);
  AddLocations(r, grant);
  AddClassifications(p, r, grant);
  if (!r.last_modified.empty()) grant["dateModified"] = r.last_modified;
  if (!p.download_url.empty()) grant["dataSource"] = p.download_url;
  return grant;
}

std::string ToGrantText(const Publisher& publisher, const GrantRecord& record) {
  const json grant = ToGrant(publisher, record);
  try {
    return grant.dump();
  } catch (const json::type_error& e) {  // invalid UTF-8 in some field
    throw std::invalid_argument("grant '" + record.reference +
                                "' has text that is not UTF-8: " + e.what());
  }
}

PackageWriter::PackageWriter(std::ostream& out, Publisher publisher)
    : out_(out), publisher_(std::move(publisher)) {
  if (publisher_.prefix.empty()) throw std::invalid_argument("empty prefix");
  const std::string& modified = publisher_.modified;
  if (!modified.empty() && !IsValidDateTime(modified) &&
      !IsValidDate(modified)) {
    throw std::invalid_argument("package modified must be RFC 3339");
  }
  // The schema's format: uri wants absolute URIs ("www.x.org" fails).
  for (const std::string* uri :
       {&publisher_.website, &publisher_.license, &publisher_.download_url}) {
    if (!uri->empty() && !IsWebUri(*uri)) {
      throw std::invalid_argument("'" + *uri + "' is not an http(s) URI");
    }
  }
}

void PackageWriter::Begin() {
  if (finished_) throw std::logic_error("PackageWriter used after Finish()");
  if (begun_) return;
  out_ << "{\"grants\":[";
  begun_ = true;
  CheckStream();
}

void PackageWriter::Add(const GrantRecord& record) {
  WriteGrantText(ToGrantText(publisher_, record));
}

void PackageWriter::AddJson(std::string_view grant_object_text) {
  const std::string_view text = Trim(grant_object_text);
  // accept() checks the whole text is one JSON value without building it.
  if (text.empty() || text.front() != '{' || !json::accept(text)) {
    throw std::invalid_argument("AddJson needs exactly one JSON object");
  }
  WriteGrantText(text);
}

void PackageWriter::WriteGrantText(std::string_view text) {
  Begin();
  out_ << (written_ == 0 ? "\n" : ",\n") << text;
  ++written_;
  CheckStream();
}

void PackageWriter::Finish() {
  Begin();
  if (written_ == 0) {
    throw std::logic_error("a 360Giving package needs at least one grant");
  }
  json meta = {{"version", kSchemaVersion}};
  const Publisher& p = publisher_;
  if (!p.name.empty()) {
    json publisher = {{"name", p.name}};
    if (!p.identifier.empty()) publisher["identifier"] = p.identifier;
    if (!p.website.empty()) publisher["website"] = p.website;
    meta["publisher"] = std::move(publisher);
  }
  if (!p.license.empty()) meta["license"] = p.license;
  if (!p.download_url.empty()) meta["downloadURL"] = p.download_url;
  if (!p.title.empty()) meta["title"] = p.title;
  if (!p.modified.empty()) meta["modified"] = p.modified;
  // meta's text is "{...}": drop its opening brace to continue our object.
  out_ << "\n]," << meta.dump().substr(1) << "\n";
  finished_ = true;
  CheckStream();
}

void PackageWriter::CheckStream() const {
  if (!out_) throw std::runtime_error("360Giving export: output stream failed");
}

}  // namespace grants::reach
