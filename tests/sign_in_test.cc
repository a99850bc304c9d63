// Grantee sign-in by emailed one-time link, through the real server: the
// portal machine asks for a link, the outbox delivers it, the code in it is
// exchanged once for a grantee token scoped to the organisation that lists
// the address; the code never rests in the database; unknown, used and
// expired codes are refused alike.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "common/token_mint.h"
#include "grants/v1/applications.grpc.pb.h"
#include "grants/v1/funding.grpc.pb.h"
#include "grants/v1/organisations.grpc.pb.h"
#include "grants/v1/sign_in.grpc.pb.h"
#include "tests/builders.h"

namespace grants::testing {
namespace {

namespace fs = std::filesystem;

class SignInTest : public ::testing::Test {
 protected:
  SignInTest() {
    fs::create_directories(spool_);
    server_ = std::make_unique<TestServer>(
        db_.conninfo(),
        TestServerOptions{.notification_spool = spool_.string()});
    build_ = std::make_unique<Builder>(*server_);
    stub_ = v1::SignInService::NewStub(server_->PortalChannel());
  }
  ~SignInTest() override {
    server_.reset();
    fs::remove_all(spool_);
  }

  grpc::Status Request(const std::string& email, const std::string& language,
                       v1::RequestSignInLinkResponse* out = nullptr) {
    v1::RequestSignInLinkRequest req;
    req.set_request_id(Key());
    req.set_email(email);
    req.set_language(language);
    v1::RequestSignInLinkResponse ignored;
    grpc::ClientContext ctx;
    return stub_->RequestSignInLink(&ctx, req, out ? out : &ignored);
  }

  grpc::Status Redeem(const std::string& code, v1::SignInSession* out,
                      const std::string& organisation_id = "",
                      const std::string& key = Key()) {
    v1::RedeemSignInLinkRequest req;
    req.set_request_id(key);
    req.set_code(code);
    req.set_organisation_id(organisation_id);
    grpc::ClientContext ctx;
    return stub_->RedeemSignInLink(&ctx, req, out);
  }

  // Delivers the outbox; returns the codes of the sign-in links sent to
  // `email`, and the messages' text through `mails`.
  std::vector<std::string> LinksTo(const std::string& email,
                                   std::vector<std::string>* mails = nullptr) {
    EXPECT_TRUE(server_->server().RunOutboxNow().ok());
    static const std::regex kLink(
        R"(http://127\.0\.0\.1:8080/sign-in/([A-Za-z0-9_-]{43}))");
    std::vector<std::string> codes;
    for (const auto& entry : fs::directory_iterator(spool_)) {
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      std::string mail = text.str();
      if (mail.find("To: " + email + "\r\n") == std::string::npos) continue;
      std::smatch m;
      if (std::regex_search(mail, m, kLink)) codes.push_back(m[1]);
      if (mails) mails->push_back(mail);
    }
    return codes;
  }

  // GetOrganisation with a session's token.
  grpc::Status GetOrganisation(const std::string& token, const std::string& id,
                               v1::Organisation* out) {
    auto stub = v1::OrganisationService::NewStub(server_->Channel());
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + token);
    v1::GetOrganisationRequest req;
    req.set_id(id);
    return stub->GetOrganisation(&ctx, req, out);
  }

  int64_t Count(const std::string& sql) { return std::stoll(db_.Scalar(sql)); }

  fs::path spool_ = fs::temp_directory_path() / ("grants-sign-in-" + Key());
  TestDatabase db_;
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<Builder> build_;
  std::unique_ptr<v1::SignInService::Stub> stub_;
};

TEST_F(SignInTest, AContactSignsInOnceForItsOrganisationOnly) {
  v1::Organisation roma = build_->Register("ORG-ROMA");
  v1::OrganisationProfile other = CharityProfile();
  other.mutable_contacts(0)->set_email("someone@else.org");
  v1::Organisation elsewhere = build_->Register("ORG-ELSE", other);

  v1::RequestSignInLinkResponse sent;
  ASSERT_TRUE(Request("Ana@Example.org", "pl", &sent).ok());
  EXPECT_EQ(sent.expires_at().seconds(),
            absl::ToUnixSeconds(DefaultNow() + absl::Minutes(20)));
  std::vector<std::string> mails;
  std::vector<std::string> codes = LinksTo("ana@example.org", &mails);
  ASSERT_EQ(codes.size(), 1u);
  EXPECT_NE(mails[0].find("Content-Language: pl\r\n"), std::string::npos);
  EXPECT_NE(mails[0].find("Działa jeden raz, do godziny 12:20"),
            std::string::npos)
      << mails[0];
  // The code lives only in the mailbox: hashed in its table, gone from the
  // delivered message.
  EXPECT_EQ(Count("SELECT count(*) FROM notifications WHERE params ? 'link'"),
            0);
  EXPECT_EQ(Count("SELECT count(*) FROM sign_in_links WHERE code_sha256 = '" +
                  codes[0] + "'"),
            0);

  std::string key = Key();
  v1::SignInSession session;
  ASSERT_TRUE(Redeem(codes[0], &session, "", key).ok());
  EXPECT_EQ(session.organisation_id(), roma.id());
  EXPECT_EQ(session.email(), "ana@example.org");
  EXPECT_TRUE(session.registered());
  EXPECT_EQ(session.expires_at().seconds(),
            absl::ToUnixSeconds(DefaultNow() + absl::Hours(2)));
  v1::Organisation got;
  EXPECT_TRUE(GetOrganisation(session.access_token(), roma.id(), &got).ok());
  grpc::Status theirs =
      GetOrganisation(session.access_token(), elsewhere.id(), &got);
  EXPECT_EQ(theirs.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(theirs), "ORGANISATION_SCOPE");

  // A retry of the same call gets the session again; a second use does not.
  v1::SignInSession again;
  ASSERT_TRUE(Redeem(codes[0], &again, "", key).ok());
  EXPECT_EQ(again.organisation_id(), roma.id());
  EXPECT_EQ(again.expires_at().seconds(), session.expires_at().seconds());
  grpc::Status reused = Redeem(codes[0], &again);
  EXPECT_EQ(reused.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ReasonOf(reused), "SIGN_IN_LINK_INVALID");
  EXPECT_EQ(FieldOf(reused), "code");
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE entity_type = "
                  "'sign_in_link'"),
            2);  // sent, used
}

TEST_F(SignInTest, SigningOutEndsTheSessionOnEveryServerWithinSeconds) {
  // A copied cookie, replayed on another portal after the grantee signed
  // out, carries a token every grantsd now refuses.
  v1::Organisation roma = build_->Register("ORG-ROMA");
  ASSERT_TRUE(Request("ana@example.org", "en").ok());
  std::vector<std::string> codes = LinksTo("ana@example.org");
  ASSERT_EQ(codes.size(), 1u);
  v1::SignInSession session;
  ASSERT_TRUE(Redeem(codes[0], &session).ok());
  const std::string token = session.access_token();
  // Another grantsd on the same database has seen the token already.
  fs::path other_spool = spool_ / "other";
  fs::create_directories(other_spool);
  TestServer other(db_.conninfo(), TestServerOptions{.notification_spool =
                                                         other_spool.string()});
  auto on_other = [&](v1::Organisation* out) {
    auto stub = v1::OrganisationService::NewStub(other.Channel());
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + token);
    v1::GetOrganisationRequest req;
    req.set_id(roma.id());
    return stub->GetOrganisation(&ctx, req, out);
  };
  v1::Organisation got;
  ASSERT_TRUE(on_other(&got).ok());
  ASSERT_TRUE(GetOrganisation(token, roma.id(), &got).ok());

  auto sign_out = [&](const std::string& bearer, const std::string& key) {
    auto stub = v1::SignInService::NewStub(server_->Channel());
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + bearer);
    v1::SignOutRequest req;
    req.set_request_id(key);
    v1::SignOutResponse resp;
    grpc::Status st = stub->SignOut(&ctx, req, &resp);
    // Revoked for as long as the token is accepted (its expiry and the
    // verifier's leeway).
    EXPECT_TRUE(!st.ok() ||
                resp.expires_at().seconds() >= session.expires_at().seconds());
    return st;
  };
  std::string key = Key();
  ASSERT_TRUE(sign_out(token, key).ok());

  // Refused at once where it was signed out...
  grpc::Status here = GetOrganisation(token, roma.id(), &got);
  EXPECT_EQ(here.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ReasonOf(here), "TOKEN_REVOKED");
  // ...and on the other grantsd once its 5 s of trust have run out.
  other.clock().Advance(absl::Seconds(6));
  grpc::Status there = on_other(&got);
  EXPECT_EQ(there.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ReasonOf(there), "TOKEN_REVOKED");

  // A retry finds the session over already.
  grpc::Status retry = sign_out(token, key);
  EXPECT_EQ(ReasonOf(retry), "TOKEN_REVOKED");
  // Signing out is recorded once, without the address; another role
  // cannot sign a session out.
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE entity_type = "
                  "'session' AND summary::jsonb ->> 'signed_out' = 'true'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE summary LIKE "
                  "'%ana@example.org%'"),
            0);
  EXPECT_EQ(Count("SELECT count(*) FROM revoked_sessions"), 1);
  std::string officer = server_->Token(Role::kOfficer, "officer-ann");
  grpc::Status wrong = sign_out(officer, Key());
  EXPECT_EQ(wrong.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Count("SELECT count(*) FROM revoked_sessions"), 1);
}

TEST_F(SignInTest, AnUnknownAddressGetsANewOrganisationToRegister) {
  ASSERT_TRUE(Request("new.group@example.org", "en").ok());
  std::vector<std::string> codes = LinksTo("new.group@example.org");
  ASSERT_EQ(codes.size(), 1u);
  v1::SignInSession session;
  ASSERT_TRUE(Redeem(codes[0], &session).ok());
  EXPECT_FALSE(session.registered());
  EXPECT_EQ(session.organisation_id().rfind("ORG-", 0), 0u);

  auto stub = v1::OrganisationService::NewStub(server_->Channel());
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + session.access_token());
  v1::RegisterOrganisationRequest reg;
  reg.set_request_id(Key());
  *reg.mutable_profile() = CharityProfile();
  reg.mutable_profile()->mutable_contacts(0)->set_email(
      "new.group@example.org");
  v1::Organisation registered;
  ASSERT_TRUE(stub->RegisterOrganisation(&ctx, reg, &registered).ok());
  EXPECT_EQ(registered.id(), session.organisation_id());

  // Next time the address signs in to that organisation.
  ASSERT_TRUE(Request("new.group@example.org", "en").ok());
  codes = LinksTo("new.group@example.org");
  ASSERT_EQ(codes.size(), 2u);
  int registered_sessions = 0;
  for (const auto& code : codes) {
    v1::SignInSession s;
    if (Redeem(code, &s).ok() && s.registered()) {
      EXPECT_EQ(s.organisation_id(), registered.id());
      ++registered_sessions;
    }
  }
  EXPECT_EQ(registered_sessions, 1);
}

TEST_F(SignInTest, ExpiredUnknownAndMalformedCodesAreRefusedAlike) {
  build_->Register("ORG-ROMA");
  ASSERT_TRUE(Request("ana@example.org", "en").ok());
  std::vector<std::string> codes = LinksTo("ana@example.org");
  ASSERT_EQ(codes.size(), 1u);
  server_->clock().Advance(absl::Minutes(20));
  std::string unknown(43, 'A');
  for (const std::string& code : {codes[0], unknown, std::string("short")}) {
    v1::SignInSession s;
    grpc::Status st = Redeem(code, &s);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAUTHENTICATED) << code;
    EXPECT_EQ(ReasonOf(st), "SIGN_IN_LINK_INVALID") << code;
  }
  EXPECT_EQ(Count("SELECT count(*) FROM sign_in_links WHERE used_at IS NULL"),
            1);
}

TEST_F(SignInTest, FiveLinksAnAddressAnHour) {
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(Request("ana@example.org", "en").ok());
  grpc::Status sixth = Request("ANA@example.org", "en");
  EXPECT_EQ(sixth.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(ReasonOf(sixth), "SIGN_IN_RATE_LIMITED");
  EXPECT_EQ(FieldOf(sixth), "email");
  EXPECT_EQ(Count("SELECT count(*) FROM sign_in_links"), 5);
  EXPECT_EQ(Count("SELECT count(*) FROM notifications"), 5);
  EXPECT_TRUE(Request("someone@else.org", "en").ok());
  server_->clock().Advance(absl::Minutes(61));
  EXPECT_TRUE(Request("ana@example.org", "en").ok());
}

TEST_F(SignInTest, TheHourlyLimitCountsTheMailboxHoweverTheAddressIsWritten) {
  for (const char* variant :
       {"ana@example.org", "  ANA@Example.org ", "ana+1@example.org",
        "Ana+two@EXAMPLE.org", "ana+x.y@example.org"})
    ASSERT_TRUE(Request(variant, "en").ok()) << variant;
  for (const char* variant :
       {"ana@example.org", "ana+6@example.org", "\tAna+Seven@example.org"}) {
    grpc::Status more = Request(variant, "en");
    EXPECT_EQ(ReasonOf(more), "SIGN_IN_RATE_LIMITED") << variant;
  }
  // What would reach the same mailbox through a display name or a second
  // address is not an address here at all.
  for (const char* smuggled :
       {"x<ana@example.org>.1", "Ana <ana@example.org>",
        "ana@example.org,ana@example.org", "\"ana\"@example.org"}) {
    grpc::Status refused = Request(smuggled, "en");
    EXPECT_EQ(ReasonOf(refused), "EMAIL_INVALID") << smuggled;
    EXPECT_EQ(FieldOf(refused), "email") << smuggled;
  }
  EXPECT_EQ(Count("SELECT count(*) FROM sign_in_links"), 5);
  EXPECT_EQ(Count("SELECT count(*) FROM sign_in_links WHERE email IN "
                  "('ana@example.org', 'ana+two@example.org')"),
            3);  // stored as mail goes to it: trimmed, lower case
  EXPECT_TRUE(Request("anna@example.org", "en").ok());  // another mailbox
}

TEST_F(SignInTest, AnAddressListedBySeveralOrganisationsChoosesOne) {
  v1::Organisation first = build_->Register("ORG-ONE");
  v1::OrganisationProfile profile = CharityProfile();
  profile.set_name("Zebra Community Group");
  v1::Organisation second = build_->Register("ORG-TWO", profile);
  build_->Register("ORG-THREE", [] {
    v1::OrganisationProfile p = CharityProfile();
    p.mutable_contacts(0)->set_email("other@example.org");
    return p;
  }());
  ASSERT_TRUE(Request("ana@example.org", "en").ok());
  std::vector<std::string> codes = LinksTo("ana@example.org");
  ASSERT_EQ(codes.size(), 1u);

  v1::SignInSession choose;
  ASSERT_TRUE(Redeem(codes[0], &choose).ok());
  EXPECT_TRUE(choose.access_token().empty());
  ASSERT_EQ(choose.choices_size(), 2);
  EXPECT_EQ(choose.choices(0).organisation_id(), first.id());
  EXPECT_EQ(choose.choices(1).name(), "Zebra Community Group");

  v1::SignInSession s;
  grpc::Status not_listed = Redeem(codes[0], &s, "ORG-THREE");
  EXPECT_EQ(ReasonOf(not_listed), "ORGANISATION_NOT_LISTED");
  EXPECT_EQ(FieldOf(not_listed), "organisation_id");
  ASSERT_TRUE(Redeem(codes[0], &s, second.id()).ok());
  EXPECT_EQ(s.organisation_id(), second.id());
  v1::Organisation got;
  EXPECT_TRUE(GetOrganisation(s.access_token(), second.id(), &got).ok());
  EXPECT_FALSE(GetOrganisation(s.access_token(), first.id(), &got).ok());
}

TEST_F(SignInTest, BadInputIsRefusedNamingTheFieldAndWritesNothing) {
  grpc::Status email = Request("not an email", "en");
  EXPECT_EQ(email.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(email), "EMAIL_INVALID");
  EXPECT_EQ(FieldOf(email), "email");
  grpc::Status language = Request("ana@example.org", "Polish");
  EXPECT_EQ(ReasonOf(language), "LANGUAGE_INVALID");
  EXPECT_EQ(FieldOf(language), "language");
  EXPECT_EQ(Count("SELECT count(*) FROM sign_in_links"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM notifications"), 0);
}

TEST_F(SignInTest, TheSessionKeyCannotMintAnyRoleButGrantee) {
  // Whoever holds grantsd's session-signing key (meant for grantee portal
  // sessions) tries to mint an officer's, an auditor's and a funder's token.
  v1::Organisation organisation = build_->Register("ORG-ROMA");
  auto mint = [this](Role role, const std::string& org,
                     const std::string& funder) {
    TokenClaims claims;
    claims.caller = {"forger", role, org, funder};
    return MintToken(ReadCredential("session-signing.key"), claims,
                     server_->clock().Now())
        .value_or("");
  };
  auto funding = v1::FundingService::NewStub(server_->Channel());
  for (auto [role, funder] :
       {std::pair{Role::kOfficer, ""}, std::pair{Role::kAuditor, ""},
        std::pair{Role::kFunder, "FUNDER-1"}}) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + mint(role, "", funder));
    v1::ListFundersResponse out;
    grpc::Status s = funding->ListFunders(&ctx, {}, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED)
        << RoleName(role);
    EXPECT_EQ(ReasonOf(s), "TOKEN_ROLE_NOT_ALLOWED_FOR_KEY") << RoleName(role);
  }
  // The same key still signs the grantee's own session.
  v1::Organisation got;
  EXPECT_TRUE(GetOrganisation(mint(Role::kGrantee, organisation.id(), ""),
                              organisation.id(), &got)
                  .ok());
}

// Issue #15, pseudonymous identities: a grantee who signs in by link is an
// opaque id everywhere the system writes who did something. A whole
// journey (a link asked for by a member and by a stranger, sign-in,
// registration with a named contact and phone, an application, new bank
// details) leaves no address, name, phone or account number in grantsd's
// log lines, the audit trail, or any actor column.
TEST_F(SignInTest, NoAddressNamePhoneOrAccountReachesLogsAuditOrActorColumns) {
  const std::string email = "amina.hassan@example.org";
  const std::string stranger = "someone.without.an.account@example.org";
  const std::string name = "Amina Hassan";
  const std::string phone = "07700 900123";
  const std::string account = "31926819";
  v1::Round round = build_->OpenRound();
  ::testing::internal::CaptureStdout();

  ASSERT_TRUE(Request(email, "en").ok());
  ASSERT_TRUE(Request(stranger, "en").ok());
  std::vector<std::string> codes = LinksTo(email);
  ASSERT_EQ(codes.size(), 1u);
  v1::SignInSession session;
  ASSERT_TRUE(Redeem(codes[0], &session).ok());
  EXPECT_EQ(session.email(), email);  // the portal still shows it
  auto as_grantee = [&] {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata("authorization", "Bearer " + session.access_token());
    return ctx;
  };
  auto orgs = v1::OrganisationService::NewStub(server_->Channel());
  v1::RegisterOrganisationRequest reg;
  reg.set_request_id(Key());
  *reg.mutable_profile() = CharityProfile();
  reg.mutable_profile()->clear_bank_details();
  auto* contact = reg.mutable_profile()->mutable_contacts(0);
  contact->set_name(name);
  contact->set_email(email);
  contact->set_phone(phone);
  v1::Organisation org;
  grpc::Status s = orgs->RegisterOrganisation(as_grantee().get(), reg, &org);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::ProposeBankDetailsRequest bank;
  bank.set_request_id(Key());
  bank.set_organisation_id(org.id());
  bank.mutable_bank_details()->set_account_name(name);
  bank.mutable_bank_details()->set_sort_code("20-00-00");
  bank.mutable_bank_details()->set_account_number(account);
  v1::BankDetailsChange change;
  s = orgs->ProposeBankDetails(as_grantee().get(), bank, &change);
  ASSERT_TRUE(s.ok()) << s.error_message();
  auto apps = v1::ApplicationService::NewStub(server_->Channel());
  v1::CreateApplicationRequest draft;
  draft.set_request_id(Key());
  draft.set_round_id(round.id());
  *draft.mutable_content() = GoodContent();
  v1::Application app;
  s = apps->CreateApplication(as_grantee().get(), draft, &app);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::SubmitApplicationRequest submit;
  submit.set_request_id(Key());
  submit.set_id(app.id());
  s = apps->SubmitApplication(as_grantee().get(), submit, &app);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_TRUE(server_->server().SealAuditNow().ok());

  std::fflush(stdout);
  const std::string logs = ::testing::internal::GetCapturedStdout();
  ASSERT_NE(logs.find("\"method\":\"SubmitApplication\""), std::string::npos)
      << "the journey's log lines were not captured";
  const std::string actor = db_.Scalar(
      "SELECT actor FROM audit_events WHERE action = "
      "'SubmitApplication'");
  EXPECT_EQ(actor.rfind("person-", 0), 0u) << actor;
  EXPECT_NE(logs.find("\"caller\":\"" + actor + "\""), std::string::npos);
  // Every text column of the audit trail and every actor column of every
  // table, searched for each value.
  const std::string actor_columns = db_.Scalar(
      "SELECT string_agg(format('SELECT %L || %L AS col, %I AS v FROM %I', "
      "table_name, '.' || column_name, column_name, table_name), ' UNION "
      "ALL ') FROM information_schema.columns WHERE table_schema = 'public' "
      "AND data_type = 'text' AND (column_name LIKE '%\\_by' OR column_name "
      "IN ('actor', 'subject', 'summary', 'entity_id', 'request_id', "
      "'peer'))");
  for (const std::string& value :
       {email, stranger, name, phone, std::string("07700900123"), account}) {
    EXPECT_EQ(logs.find(value), std::string::npos) << value << " in the logs";
    EXPECT_EQ(
        db_.Scalar("SELECT string_agg(col, ', ') FROM (" + actor_columns +
                   ") AS c WHERE v ILIKE " + "'%' || '" + value + "' || '%'"),
        "")
        << value << " in these columns";
  }
}

}  // namespace
}  // namespace grants::testing
