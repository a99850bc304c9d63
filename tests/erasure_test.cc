// Erasure that keeps the books (issue #15), through the real server: an
// administrator erases a group's personal data; a live award holds it; the
// money, the reach figures, the 360Giving export and the audit trail do not
// change, and no erased value is left in any text column of the database.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "grants/v1/organisations.grpc.pb.h"
#include "tests/monitoring_fixture.h"

namespace grants::testing {
namespace {

class ErasureTest : public MonitoringTest {
 protected:
  grpc::Status Erase(const std::string& org, v1::ErasePersonalDataResponse* out,
                     Role role = Role::kAdministrator,
                     const std::string& key = Key()) {
    v1::ErasePersonalDataRequest req;
    req.set_request_id(key);
    req.set_organisation_id(org);
    auto stub = v1::OrganisationService::NewStub(server_.Channel());
    return stub->ErasePersonalData(server_.As(role, "admin-ada").get(), req,
                                   out);
  }

  std::string WhereHeld(const std::string& value) {
    return db_.WhereHeld(value);
  }

  std::string Export() {
    v1::ExportGrantsResponse page;
    auto s = monitoring_->ExportGrants(Officer(kDecider).get(),
                                       v1::ExportGrantsRequest(), &page);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::string out;
    for (const auto& g : page.grants()) out += g;
    return out;
  }
};

TEST_F(ErasureTest, ALiveAwardHoldsTheDataAndTheRefusalNamesIt) {
  v1::Award award = Award();
  const std::string before = Books() + WhereHeld("Ana Popescu");
  v1::ErasePersonalDataResponse out;
  grpc::Status s = Erase("ORG-ROMA", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "LEGAL_HOLD");
  EXPECT_EQ(FieldOf(s), "organisation_id");
  EXPECT_NE(s.error_message().find("award " + award.id() + " is accepted"),
            std::string::npos)
      << s.error_message();
  EXPECT_EQ(Books() + WhereHeld("Ana Popescu"), before);
  EXPECT_NE(WhereHeld("Ana Popescu"), "");
}

TEST_F(ErasureTest, ErasureKeepsTheBooksAndLeavesNoTrace) {
  v1::Award award = ClosedAward();
  const std::string books = Books();
  const std::string published = Export();
  const std::string reach =
      Reach(v1::REACH_SCOPE_ALL, "", v1::DIMENSION_COMMUNITY)
          .SerializeAsString();
  const std::vector<std::string> personal = {
      "Ana Popescu",
      "ana@example.org",
      "12345678",
      "Amina Hassan",
      "More families came than planned",
      "Weekly sessions in Romanian and Romani."};
  for (const auto& value : personal)
    ASSERT_NE(WhereHeld(value), "") << value << " was never stored";

  v1::ErasePersonalDataResponse out;
  grpc::Status s = Erase("ORG-ROMA", &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_FALSE(out.already_erased());
  for (const auto& value : personal)
    EXPECT_EQ(WhereHeld(value), "") << value << " is still held";
  EXPECT_EQ(Books(), books);
  EXPECT_EQ(Export(), published);
  EXPECT_EQ(Reach(v1::REACH_SCOPE_ALL, "", v1::DIMENSION_COMMUNITY)
                .SerializeAsString(),
            reach);
  EXPECT_TRUE(Verify().consistent());
  v1::VerifyAuditTrailResponse trail;
  ASSERT_TRUE(server_.Audit()
                  ->VerifyAuditTrail(server_.As(Role::kAuditor).get(),
                                     v1::VerifyAuditTrailRequest(), &trail)
                  .ok());
  EXPECT_TRUE(trail.ok()) << trail.detail();
  EXPECT_EQ(db_.Scalar("SELECT actor FROM audit_events WHERE action = "
                       "'ErasePersonalData'"),
            "admin-ada");

  // Again: nothing changes, and it says so.
  const std::string events = db_.Scalar("SELECT count(*) FROM audit_events");
  v1::ErasePersonalDataResponse again;
  ASSERT_TRUE(Erase("ORG-ROMA", &again).ok());
  EXPECT_TRUE(again.already_erased());
  EXPECT_EQ(again.erase_time().seconds(), out.erase_time().seconds());
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM audit_events"), events);
}

TEST_F(ErasureTest, ASubjectAccessExportHoldsEverythingAboutTheGroup) {
  v1::Award award = ClosedAward();
  auto stub = v1::OrganisationService::NewStub(server_.Channel());
  auto export_as = [&](Role role, const std::string& org,
                       v1::ExportPersonalDataResponse* out) {
    v1::ExportPersonalDataRequest req;
    req.set_organisation_id(org);
    return stub->ExportPersonalData(server_.As(role, "admin-ada").get(), req,
                                    out);
  };
  // Who read the group's contact details is part of what is held.
  auto read_as = [&](Role role, const std::string& who) {
    v1::GetOrganisationRequest req;
    req.set_id("ORG-ROMA");
    v1::Organisation o;
    return stub->GetOrganisation(server_.As(role, who, "ORG-ROMA").get(), req,
                                 &o);
  };
  ASSERT_TRUE(read_as(Role::kOfficer, "officer-nosy").ok());
  ASSERT_TRUE(read_as(Role::kGrantee, "ana").ok());  // its own: not a read
  v1::ExportPersonalDataResponse out;
  ASSERT_TRUE(export_as(Role::kAdministrator, "ORG-ROMA", &out).ok());
  nlohmann::json doc = nlohmann::json::parse(out.document_json());
  ASSERT_EQ(doc["reads"].size(), 1u) << doc["reads"].dump();
  EXPECT_EQ(doc["reads"][0]["reader"], "officer-nosy");
  EXPECT_EQ(doc["reads"][0]["what"], "contacts");
  EXPECT_EQ(doc["reads"][0]["method"], "GetOrganisation");
  const std::string text = out.document_json();
  for (const std::string value : {"Ana Popescu", "ana@example.org", "12345678",
                                  "Amina Hassan's cousin got settled status.",
                                  "More families came than planned"})
    EXPECT_NE(text.find(value), std::string::npos) << value;
  EXPECT_EQ(doc["organisation"]["id"], "ORG-ROMA");
  EXPECT_EQ(doc["awards"].size(), 1u);
  EXPECT_EQ(doc["awards"][0]["id"], award.id());
  EXPECT_EQ(doc["payments"].size(), 2u);
  EXPECT_EQ(doc["reports"].size(), 1u);
  EXPECT_EQ(doc["variations"].size(), 1u);
  EXPECT_GE(doc["application_versions"].size(), 1u);
  bool terminated = false;
  for (const auto& e : doc["audit_events"])
    terminated = terminated || e["action"] == "TerminateAward";
  EXPECT_TRUE(terminated);
  // The export itself is on the record.
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM audit_events WHERE action = "
                       "'ExportPersonalData' AND actor = 'admin-ada'"),
            "1");

  EXPECT_EQ(export_as(Role::kOfficer, "ORG-ROMA", &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::Status s = export_as(Role::kAdministrator, "ORG-NOBODY", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(FieldOf(s), "organisation_id");

  // After erasure, what it holds is what the books keep.
  v1::ErasePersonalDataResponse erased;
  ASSERT_TRUE(Erase("ORG-ROMA", &erased).ok());
  ASSERT_TRUE(export_as(Role::kAdministrator, "ORG-ROMA", &out).ok());
  for (const std::string value :
       {"Ana Popescu", "ana@example.org", "12345678", "Amina Hassan"})
    EXPECT_EQ(out.document_json().find(value), std::string::npos) << value;
  EXPECT_EQ(nlohmann::json::parse(out.document_json())["payments"].size(), 2u);
}

TEST_F(ErasureTest, OnlyAnAdministratorErasesAKnownOrganisation) {
  ClosedAward();
  v1::ErasePersonalDataResponse out;
  grpc::Status s = Erase("ORG-ROMA", &out, Role::kOfficer);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  s = Erase("ORG-NOBODY", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(FieldOf(s), "organisation_id");
  s = Erase("", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(WhereHeld("Ana Popescu"), "");
}

// One person asks to be forgotten (#15): they leave every group that lists
// them, their address goes from links, messages and their identity; the
// groups, their other contacts and the books stay.
TEST_F(ErasureTest, ErasingOnePersonTakesThemOutOfEveryGroupAndKeepsTheGroups) {
  Award();  // ORG-ROMA has a live award: a hold on the group, not on Ana
  v1::RegisterOrganisationRequest reg;
  reg.set_request_id(Key());
  *reg.mutable_profile() = CharityProfile();
  reg.mutable_profile()->set_charity_number("1187654");
  auto* piotr = reg.mutable_profile()->add_contacts();
  piotr->set_name("Piotr Nowak");
  piotr->set_email("piotr@example.org");
  auto stub = v1::OrganisationService::NewStub(server_.Channel());
  v1::Organisation two;
  ASSERT_TRUE(stub->RegisterOrganisation(
                      server_.As(Role::kGrantee, "user-two", "ORG-TWO").get(),
                      reg, &two)
                  .ok());
  db_.Exec(
      "INSERT INTO person_identities (id, email, created_at, "
      "last_signed_in_at) VALUES ('person-ana', 'ana@example.org', now(), "
      "now());"
      "INSERT INTO sign_in_links (email, code_sha256, language, created_at, "
      "expires_at) VALUES ('ana@example.org', 'ana-code', 'ro', now(), now() "
      "+ interval '1 hour');"
      "INSERT INTO notifications (dedupe_key, kind, organisation_id, "
      "recipient, language, params, created_at) VALUES ('ana-message', "
      "'report_due_soon', 'ORG-ROMA', 'Ana@Example.org', 'ro', "
      "'{\"to\": \"Ana Popescu\"}', now())");

  auto export_as = [&](Role role, const std::string& email,
                       v1::ExportPersonalDataResponse* out) {
    v1::ExportPersonalDataRequest req;
    req.set_email(email);
    return stub->ExportPersonalData(server_.As(role, "admin-ada").get(), req,
                                    out);
  };
  v1::ExportPersonalDataResponse held;
  ASSERT_TRUE(export_as(Role::kAdministrator, "ana@example.org", &held).ok());
  nlohmann::json doc = nlohmann::json::parse(held.document_json());
  EXPECT_EQ(doc["person"]["id"], "person-ana");
  EXPECT_EQ(doc["listed_by"].size(), 2u) << doc["listed_by"].dump();
  EXPECT_EQ(doc["sign_in_links"].size(), 1u);
  // The one above, and the award's receipt, approval, offer and its
  // acceptance.
  EXPECT_EQ(doc["messages"].size(), 5u);
  EXPECT_EQ(held.document_json().find("ana-code"), std::string::npos);

  const std::string books = Books();
  auto erase = [&](const std::string& email, const std::string& org,
                   v1::ErasePersonalDataResponse* out,
                   Role role = Role::kAdministrator) {
    v1::ErasePersonalDataRequest req;
    req.set_request_id(Key());
    req.set_email(email);
    req.set_organisation_id(org);
    return stub->ErasePersonalData(server_.As(role, "admin-ada").get(), req,
                                   out);
  };
  v1::ErasePersonalDataResponse out;
  EXPECT_EQ(erase("ana@example.org", "", &out, Role::kOfficer).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::Status s = erase("ana@example.org", "ORG-ROMA", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(s), "email");
  s = erase("not an address", "", &out);
  EXPECT_EQ(ReasonOf(s), "EMAIL_INVALID");
  s = erase("nobody@example.org", "", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ReasonOf(s), "PERSON_NOT_FOUND");
  EXPECT_EQ(FieldOf(s), "email");
  EXPECT_NE(WhereHeld("ana@example.org"), "");

  s = erase("ANA@example.org", "", &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_FALSE(out.already_erased());
  EXPECT_EQ(out.person_id(), "person-ana");
  ASSERT_EQ(out.organisation_ids_size(), 2);
  EXPECT_EQ(out.organisation_ids(0), "ORG-ROMA");
  EXPECT_EQ(WhereHeld("ana@example.org"), "");
  EXPECT_EQ(WhereHeld("Ana Popescu"), "");
  EXPECT_EQ(WhereHeld("ana-code"), "");
  EXPECT_NE(WhereHeld("Piotr Nowak"), "");  // the group's other contact
  EXPECT_EQ(Books(), books);
  EXPECT_EQ(db_.Scalar("SELECT state FROM awards"), "accepted");
  EXPECT_EQ(db_.Scalar("SELECT summary FROM audit_events WHERE entity_type = "
                       "'person' AND entity_id = 'person-ana' AND action = "
                       "'ErasePersonalData'"),
            "{\"erased\":true,\"organisations\":[\"ORG-ROMA\",\"ORG-TWO\"]}");
  EXPECT_TRUE(Verify().consistent());

  // Again: nothing changes, and it says so; nothing is held to export.
  const std::string events = db_.Scalar("SELECT count(*) FROM audit_events");
  v1::ErasePersonalDataResponse again;
  ASSERT_TRUE(erase("ana@example.org", "", &again).ok());
  EXPECT_TRUE(again.already_erased());
  EXPECT_EQ(again.person_id(), "person-ana");
  EXPECT_EQ(db_.Scalar("SELECT count(*) FROM audit_events"), events);
  s = export_as(Role::kAdministrator, "ana@example.org", &held);
  EXPECT_EQ(ReasonOf(s), "PERSON_NOT_FOUND");
}

}  // namespace
}  // namespace grants::testing
