// The notification outbox through real grantsd instances: reminders before,
// on and after a report's due date by the server's clock, each delivered
// once across restarts of the dispatcher and a crash between writing a
// message and recording it; a returned report's message is queued in the
// transaction that returns it; through an SMTP relay, a deferred message is
// tried again later and a rejected one is not.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/fake_smtp.h"
#include "tests/monitoring_fixture.h"

namespace grants::testing {
namespace {

namespace fs = std::filesystem;

class NotificationsTest : public MonitoringTest {
 protected:
  NotificationsTest() {
    spool_ = fs::temp_directory_path() / ("grants-spool-" + Key());
    fs::create_directories(spool_);
  }
  ~NotificationsTest() override { fs::remove_all(spool_); }

  // A grantsd that delivers into the spool (its loop waits an hour, so the
  // test drives it), its clock at London noon of
  // `date` ("YYYY-MM-DD").
  std::unique_ptr<TestServer> Dispatcher(const std::string& date) {
    return std::make_unique<TestServer>(
        db_.conninfo(), TestServerOptions{.now = NoonOn(date),
                                          .notification_spool = spool_.string()});
  }

  // The same, delivering to `relay`.
  std::unique_ptr<TestServer> SmtpDispatcher(const std::string& date,
                                             const FakeSmtp& relay) {
    return std::make_unique<TestServer>(
        db_.conninfo(),
        TestServerOptions{.now = NoonOn(date), .smtp_url = relay.url()});
  }

  static absl::Time NoonOn(const std::string& date) {
    absl::Time noon;
    std::string err;
    EXPECT_TRUE(
        absl::ParseTime("%Y-%m-%d %H:%M", date + " 11:00", &noon, &err));
    return noon;
  }

  // The spool's messages: file name -> text.
  std::map<std::string, std::string> Spool() {
    std::map<std::string, std::string> out;
    for (const auto& entry : fs::directory_iterator(spool_)) {
      if (entry.path().extension() != ".eml") continue;  // being written
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      out[entry.path().filename().string()] = text.str();
    }
    return out;
  }

  // ORG-ROMA's accepted award, without the messages of its steps (a
  // receipt, a decision, an offer: tests/messages_test.cc has them), so
  // only reminders and reviews are counted here.
  v1::Award AcceptedAward() {
    v1::Award award = Award();
    db_.Exec("DELETE FROM notifications");
    return award;
  }

  fs::path spool_;
};

int CountWith(const std::map<std::string, std::string>& spool,
              const std::string& needle) {
  int n = 0;
  for (const auto& [name, text] : spool)
    n += text.find(needle) != std::string::npos;
  return n;
}

TEST_F(NotificationsTest, EachReminderIsDeliveredOnceAcrossRestartsAndACrash) {
  v1::Award award = AcceptedAward();  // accepted on 2025-01-15
  v1::ReportRequirements reqs;
  ASSERT_TRUE(Require(award.id(), &reqs).ok());
  ASSERT_EQ(reqs.requirements(0).due_date(), "2025-02-14");

  auto dispatcher = Dispatcher("2025-02-06");  // 8 days before: nothing yet
  ASSERT_TRUE(dispatcher->server().RunOutboxNow().ok());
  EXPECT_TRUE(Spool().empty());
  dispatcher = Dispatcher("2025-02-08");
  ASSERT_TRUE(dispatcher->server().RunOutboxNow().ok());
  ASSERT_TRUE(dispatcher->server().RunOutboxNow().ok());
  EXPECT_EQ(Spool().size(), 1u);
  EXPECT_EQ(CountWith(Spool(), "X-Grants-Kind: report_due_soon\r\n"), 1);
  // In the organisation's correspondence language, Romanian.
  EXPECT_EQ(CountWith(Spool(), "Raportul de monitorizare (intermediar) "
                               "trebuie trimis până la 2025-02-14."),
            1);

  dispatcher.reset();  // a restart, on the due day and after it
  dispatcher = Dispatcher("2025-02-14");
  ASSERT_TRUE(dispatcher->server().RunOutboxNow().ok());
  dispatcher = Dispatcher("2025-02-20");
  ASSERT_TRUE(dispatcher->server().RunOutboxNow().ok());
  ASSERT_TRUE(dispatcher->server().RunOutboxNow().ok());
  auto spool = Spool();
  EXPECT_EQ(spool.size(), 3u);
  EXPECT_EQ(CountWith(spool, "X-Grants-Kind: report_due_today\r\n"), 1);
  EXPECT_EQ(CountWith(spool, "X-Grants-Kind: report_overdue\r\n"), 1);
  EXPECT_EQ(CountWith(spool, "trebuia trimis până la 2025-02-14"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM notifications WHERE sent_at IS NULL"),
            0);

  // The report's receipt and the return's message are queued with the
  // submission and the return themselves.
  v1::Report report;
  ASSERT_TRUE(Submit(reqs.requirements(0).id(), ReportOf(40), &report).ok());
  ASSERT_TRUE(
      Review(report.id(), false, &report, "Add the Hackney sessions").ok());
  EXPECT_EQ(Count("SELECT count(*) FROM notifications WHERE kind = "
                  "'report_returned' AND sent_at IS NULL"),
            1);
  ASSERT_TRUE(dispatcher->server().RunOutboxNow().ok());
  EXPECT_EQ(Spool().size(), 5u);
  EXPECT_EQ(CountWith(Spool(), "X-Grants-Kind: report_received\r\n"), 1);
  EXPECT_EQ(CountWith(Spool(), "Add the Hackney sessions"), 1);

  // A crash after writing the file but before recording it: delivered
  // again under the same name, so still one message.
  db_.Exec(
      "UPDATE notifications SET sent_at = NULL WHERE kind = 'report_returned'");
  dispatcher = Dispatcher("2025-02-21");
  ASSERT_TRUE(dispatcher->server().RunOutboxNow().ok());
  EXPECT_EQ(Spool().size(), 5u);
  EXPECT_EQ(
      Count(
          "SELECT attempts FROM notifications WHERE kind = 'report_returned'"),
      2);
  EXPECT_EQ(Count("SELECT count(*) FROM notifications"), 5);
  EXPECT_GE(Count("SELECT count(*) FROM audit_events WHERE entity_type = "
                  "'notification_sweep'"),
            3);
}

TEST_F(NotificationsTest, NoReminderForAnAcceptedReportOrAnEndedAward) {
  v1::Award award = AcceptedAward();
  v1::ReportRequirements reqs;
  ASSERT_TRUE(Require(award.id(), &reqs).ok());
  v1::Report report;
  ASSERT_TRUE(Submit(reqs.requirements(0).id(), ReportOf(40), &report).ok());
  ASSERT_TRUE(Review(report.id(), true, &report).ok());
  v1::Termination t;
  ASSERT_TRUE(Terminate(award.id(), 0, &t).ok());
  auto dispatcher = Dispatcher("2026-01-10");  // past both due dates
  ASSERT_TRUE(dispatcher->server().RunOutboxNow().ok());
  EXPECT_EQ(
      Count("SELECT count(*) FROM notifications WHERE kind LIKE 'report_%due%' "
            "OR kind = 'report_overdue'"),
      0);
  // The report's receipt and acceptance, and the termination.
  EXPECT_EQ(Spool().size(), 3u);
  EXPECT_EQ(CountWith(Spool(), "X-Grants-Kind: report_received\r\n"), 1);
  EXPECT_EQ(CountWith(Spool(), "X-Grants-Kind: report_accepted\r\n"), 1);
  EXPECT_EQ(CountWith(Spool(), "X-Grants-Kind: award_terminated\r\n"), 1);
}

TEST_F(NotificationsTest, TheRelayGetsEachMessageOnceWithItsMessageId) {
  v1::Award award = AcceptedAward();
  v1::ReportRequirements reqs;
  ASSERT_TRUE(Require(award.id(), &reqs).ok());
  FakeSmtp relay;
  auto dispatcher = SmtpDispatcher("2025-02-08", relay);
  ASSERT_TRUE(dispatcher->server().RunOutboxNow().ok());
  ASSERT_TRUE(dispatcher->server().RunOutboxNow().ok());

  auto mails = relay.mails();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].from, "<grants@localhost>");
  EXPECT_EQ(mails[0].to, "<ana@example.org>");
  std::string id = db_.Scalar("SELECT id FROM notifications");
  EXPECT_NE(mails[0].data.find("Message-ID: <" + id + "@grantsd>"),
            std::string::npos);
  EXPECT_NE(mails[0].data.find("X-Grants-Kind: report_due_soon\r\n"),
            std::string::npos);
  EXPECT_NE(mails[0].data.find("Content-Language: ro\r\n"), std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM notifications WHERE sent_at IS NULL"),
            0);
  EXPECT_TRUE(Spool().empty());
}

TEST_F(NotificationsTest, ADeferredMessageWaitsAndARejectedOneIsNotRetried) {
  v1::Award award = AcceptedAward();
  v1::ReportRequirements reqs;
  ASSERT_TRUE(Require(award.id(), &reqs).ok());
  FakeSmtp relay;
  relay.set_rcpt_reply("451 4.3.0 try again later");
  auto dispatcher = SmtpDispatcher("2025-02-08", relay);
  ASSERT_TRUE(dispatcher->server().RunOutboxNow().ok());
  EXPECT_TRUE(relay.mails().empty());
  EXPECT_EQ(Count("SELECT attempts FROM notifications"), 1);
  EXPECT_NE(db_.Scalar("SELECT last_error FROM notifications").find("451"),
            std::string::npos);

  // Within the back-off (2 minutes after one attempt) nothing is tried.
  relay.set_rcpt_reply("250 OK");
  dispatcher->clock().Advance(absl::Seconds(90));
  ASSERT_TRUE(dispatcher->server().RunOutboxNow().ok());
  EXPECT_TRUE(relay.mails().empty());
  EXPECT_EQ(Count("SELECT attempts FROM notifications"), 1);
  dispatcher->clock().Advance(absl::Seconds(31));
  ASSERT_TRUE(dispatcher->server().RunOutboxNow().ok());
  EXPECT_EQ(relay.mails().size(), 1u);
  EXPECT_EQ(Count("SELECT count(*) FROM notifications WHERE sent_at IS NOT "
                  "NULL AND attempts = 2 AND last_error = ''"),
            1);

  // The relay refuses the mailbox for good: recorded, never tried again.
  relay.set_rcpt_reply("550 5.1.1 no such mailbox");
  dispatcher = SmtpDispatcher("2025-02-14", relay);
  ASSERT_TRUE(dispatcher->server().RunOutboxNow().ok());
  dispatcher->clock().Advance(absl::Hours(48));
  ASSERT_TRUE(dispatcher->server().RunOutboxNow().ok());
  EXPECT_EQ(relay.mails().size(), 1u);
  EXPECT_EQ(Count("SELECT attempts FROM notifications WHERE kind = "
                  "'report_due_today' AND rejected_at IS NOT NULL AND "
                  "sent_at IS NULL"),
            1);
}

}  // namespace
}  // namespace grants::testing
