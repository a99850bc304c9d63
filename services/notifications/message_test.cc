// Unit tests of outbox messages: headers, subjects and bodies.
#include "services/notifications/message.h"

#include <gtest/gtest.h>

#include "common/i18n/catalog.h"

namespace grants::notifications {
namespace {

Outgoing Overdue() {
  return {"7d1f5e4a-1111-4c3a-9d57-1a2b3c4d5e6f",
          "report_overdue",
          "ORG-ROMA",
          "ana@example.org",
          "en",
          R"({"report_kind":"interim","due_date":"2025-06-30"})",
          absl::FromUnixSeconds(1751328000)};  // 2025-07-01T00:00:00Z
}

TEST(RenderEmailTest, CarriesTheIdAsMessageIdAndTheGranteesLanguage) {
  std::string mail = RenderEmail(Overdue(), "grants@london.example");
  EXPECT_NE(
      mail.find(
          "Message-ID: <7d1f5e4a-1111-4c3a-9d57-1a2b3c4d5e6f@grantsd>\r\n"),
      std::string::npos);
  EXPECT_NE(mail.find("To: ana@example.org\r\n"), std::string::npos);
  EXPECT_NE(mail.find("Date: Tue, 01 Jul 2025 00:00:00 +0000\r\n"),
            std::string::npos);
  EXPECT_NE(mail.find("X-Grants-Language: en\r\n"), std::string::npos);
  EXPECT_NE(mail.find("Subject: Your monitoring report is overdue\r\n"),
            std::string::npos);
  EXPECT_NE(mail.find("was due on 2025-06-30"), std::string::npos);
  // Headers end at the first empty line; the body follows.
  EXPECT_LT(mail.find("\r\n\r\n"), mail.find("Your interim monitoring report"));
}

TEST(RenderEmailTest, AReturnedReportCarriesTheOfficersComment) {
  Outgoing n = Overdue();
  n.kind = "report_returned";
  n.params = R"({"comment":"Please add the Hackney sessions"})";
  std::string mail = RenderEmail(n, "grants@london.example");
  EXPECT_NE(mail.find("Subject: Your report needs changes"), std::string::npos);
  EXPECT_NE(mail.find("Please add the Hackney sessions"), std::string::npos);
}

TEST(SubjectTest, NamesEachStageOfAReminder) {
  Outgoing n = Overdue();
  n.kind = "report_due_soon";
  EXPECT_EQ(Subject(n), "Your monitoring report is due soon");
  n.kind = "report_due_today";
  EXPECT_EQ(Subject(n), "Your monitoring report is due today");
}

TEST(RenderEmailTest, SpeaksTheGranteesLanguageWhereACatalogueHasIt) {
  Outgoing n = Overdue();
  n.language = "pl";
  std::string mail = RenderEmail(n, "grants@london.example");
  // "Minął termin złożenia raportu z monitoringu" as RFC 2047 words of at
  // most 75 characters, folded.
  EXPECT_NE(mail.find("Subject: "
                      "=?utf-8?B?TWluxIXFgiB0ZXJtaW4gesWCb8W8ZW5pYSByYXBvcnR1"
                      "IHogbW9uaXRvcmlu?=\r\n =?utf-8?B?Z3U=?=\r\n"),
            std::string::npos)
      << mail;
  EXPECT_NE(mail.find("Content-Language: pl\r\n"), std::string::npos);
  EXPECT_NE(mail.find("X-Grants-Language: pl\r\n"), std::string::npos);
  EXPECT_NE(mail.find("Termin złożenia raportu z monitoringu (okresowy) "
                      "minął 2025-06-30"),
            std::string::npos)
      << mail;

  n.kind = "report_returned";
  n.language = "bg";
  n.params = R"({"comment":"Add the {Hackney} sessions"})";
  mail = RenderEmail(n, "grants@london.example");
  EXPECT_NE(mail.find("Служителят по гранта върна отчета ви за промени:\r\n"
                      "\r\nAdd the {Hackney} sessions\r\n"),
            std::string::npos)
      << mail;
}

TEST(RenderEmailTest, FallsBackToEnglishWithoutACatalogue) {
  Outgoing n = Overdue();
  n.language = "so";  // Somali: no catalogue yet
  std::string mail = RenderEmail(n, "grants@london.example");
  EXPECT_NE(mail.find("Subject: Your monitoring report is overdue\r\n"),
            std::string::npos);
  EXPECT_NE(mail.find("Content-Language: en\r\n"), std::string::npos);
  EXPECT_NE(mail.find("X-Grants-Language: so\r\n"), std::string::npos);
}

Outgoing Offer(const std::string& language) {
  return {"0b8d7c1e-2222-4c3a-9d57-1a2b3c4d5e6f",
          "offer_made",
          "ORG-ROMA",
          "ana@example.org",
          language,
          R"({"reference":"EUSS-R1-0007","amount":"GBP 2,500.00",)"
          R"("answer_by":"2025-02-14 17:00",)"
          R"("conditions":["Monthly attendance sheets","Credit the fund"]})",
          absl::FromUnixSeconds(1751328000)};
}

TEST(RenderEmailTest, AnOfferHasItsAmountConditionsAnswerByAndPortalLink) {
  std::string mail = RenderEmail(Offer("en"), "grants@london.example",
                                 "https://portal.example.org");
  EXPECT_NE(mail.find("Subject: You have been offered a grant\r\n"),
            std::string::npos);
  EXPECT_NE(mail.find("We offer you a grant of GBP 2,500.00 for your "
                      "application EUSS-R1-0007."),
            std::string::npos)
      << mail;
  EXPECT_NE(mail.find("Conditions:\r\n- Monthly attendance sheets\r\n"
                      "- Credit the fund\r\n"),
            std::string::npos)
      << mail;
  EXPECT_NE(mail.find("by 2025-02-14 17:00 (London time)"), std::string::npos);
  EXPECT_NE(mail.find("\r\n\r\nhttps://portal.example.org/awards\r\n"),
            std::string::npos)
      << mail;

  Outgoing bare = Offer("en");
  bare.params = R"({"reference":"R","amount":"GBP 1.00","answer_by":"x"})";
  EXPECT_NE(RenderEmail(bare, "f", "").find("Conditions:\r\n(no conditions)"),
            std::string::npos);
}

TEST(RenderEmailTest, AnOffersConditionsAreInTheGroupsLanguageWhereGiven) {
  Outgoing n = Offer("ro");
  n.params =
      R"({"reference":"R","amount":"GBP 1.00","answer_by":"x",)"
      R"("conditions":["Monthly attendance sheets","Credit the fund"],)"
      R"("condition_translations":{"ro":["Liste lunare de prezență",""],)"
      R"("pl":["Miesięczne listy obecności","Wspomnij fundusz"]}})";
  std::string mail = RenderEmail(n, "f", "");
  // The first in Romanian; the second has none, so English.
  EXPECT_NE(mail.find("- Liste lunare de prezență\r\n- Credit the fund"),
            std::string::npos)
      << mail;
  n.language = "bg";
  mail = RenderEmail(n, "f", "");
  EXPECT_NE(mail.find("- Monthly attendance sheets\r\n- Credit the fund"),
            std::string::npos)
      << mail;
}

TEST(RenderEmailTest, SpeaksArabicAndRomani) {
  std::string mail = RenderEmail(Offer("ar"), "grants@london.example",
                                 "https://portal.example.org");
  EXPECT_NE(mail.find("Content-Language: ar\r\n"), std::string::npos);
  EXPECT_NE(mail.find("نعرض عليكم منحة بقيمة GBP 2,500.00 لطلبكم "
                      "EUSS-R1-0007."),
            std::string::npos)
      << mail;
  mail = RenderEmail(Offer("rom"), "grants@london.example",
                     "https://portal.example.org");
  EXPECT_NE(mail.find("Content-Language: rom\r\n"), std::string::npos);
  EXPECT_NE(mail.find("Das tumenge jekh granto GBP 2,500.00"),
            std::string::npos)
      << mail;
}

TEST(RenderEmailTest, AnActOnBehalfNamesTheOfficerAndWhy) {
  Outgoing n = Offer("pl");
  n.kind = "offer_accepted";
  n.params =
      R"({"reference":"EUSS-R1-0007","amount":"GBP 2,500.00",)"
      R"("on_behalf_by":"officer-oli",)"
      R"("on_behalf_reason":"Accepted by phone through an interpreter"})";
  std::string mail = RenderEmail(n, "f", "https://portal.example.org");
  EXPECT_NE(mail.find("Przyjęli Państwo grant w wysokości GBP 2,500.00 na "
                      "wniosek EUSS-R1-0007."),
            std::string::npos)
      << mail;
  EXPECT_NE(mail.find("Urzędnik zespołu grantowego, officer-oli, zrobił to "
                      "za Państwa, na Państwa prośbę: Accepted by phone "
                      "through an interpreter"),
            std::string::npos)
      << mail;
  // The group's own acceptance carries no such note.
  n.params = R"({"reference":"EUSS-R1-0007","amount":"GBP 2,500.00"})";
  mail = RenderEmail(n, "f", "https://portal.example.org");
  EXPECT_EQ(mail.find("officer-oli"), std::string::npos);
  EXPECT_EQ(mail.find("Urzędnik"), std::string::npos);
}

TEST(RenderEmailTest, EveryKindHasASubjectAndABodyInEveryLanguage) {
  for (const std::string& language : i18n::Languages()) {
    for (const std::string& kind : Kinds()) {
      Outgoing n = Overdue();
      n.kind = kind;
      n.language = language;
      EXPECT_NE(Subject(n), kind) << kind;
      std::string mail = RenderEmail(n, "f");
      EXPECT_GT(mail.size(), mail.find("\r\n\r\n") + 10) << kind;
      // Outside English, the catalogue's words, not the English ones.
      Outgoing english = n;
      english.language = "en";
      if (language != "en") {
        EXPECT_NE(Subject(n), Subject(english)) << language << " " << kind;
      }
    }
  }
}

TEST(RenderEmailTest, TheOfficersDigestListsItsItemsBySection) {
  Outgoing n = Overdue();
  n.kind = "officer_digest";
  n.recipient = "officers@london.example";
  n.params =
      R"({"date":"2025-02-12","items":[)"
      R"({"kind":"offer_expiring","ref":"R1-0001","detail":"2025-02-14 12:00"},)"
      R"({"kind":"submission","ref":"R2-0001","detail":"2025-01-15"},)"
      R"({"kind":"submission","ref":"R2-0002","detail":"2025-01-16"}]})";
  std::string mail = RenderEmail(n, "grants@london.example");
  EXPECT_NE(mail.find("Subject: Officers' digest for 2025-02-12: 3 items need "
                      "you\r\n"),
            std::string::npos)
      << mail;
  EXPECT_NE(mail.find("Offers expiring within 3 days:\r\n  R1-0001  "
                      "2025-02-14 12:00\r\n\r\nSubmissions awaiting a "
                      "decision:\r\n  R2-0001  2025-01-15\r\n  R2-0002  "
                      "2025-01-16\r\n"),
            std::string::npos)
      << mail;
}

}  // namespace
}  // namespace grants::notifications
