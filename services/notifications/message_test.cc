// Unit tests of outbox messages: headers, subjects and bodies.
#include "services/notifications/message.h"

#include <gtest/gtest.h>

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
  n.language = "rom";  // Romani: no catalogue yet
  std::string mail = RenderEmail(n, "grants@london.example");
  EXPECT_NE(mail.find("Subject: Your monitoring report is overdue\r\n"),
            std::string::npos);
  EXPECT_NE(mail.find("Content-Language: en\r\n"), std::string::npos);
  EXPECT_NE(mail.find("X-Grants-Language: rom\r\n"), std::string::npos);
}

}  // namespace
}  // namespace grants::notifications
