// Unit tests of sign-in's address rules.
#include "services/sign_in/sign_in_rules.h"

#include <gtest/gtest.h>

namespace grants::sign_in {
namespace {

TEST(NormaliseAddressTest, TrimsAndLowerCasesPlainAddresses) {
  EXPECT_EQ(NormaliseAddress("  Ana.Popescu@Example.ORG\t"),
            "ana.popescu@example.org");
  EXPECT_EQ(NormaliseAddress("o'brien+grants@mail.example.co.uk"),
            "o'brien+grants@mail.example.co.uk");
}

TEST(NormaliseAddressTest, RefusesWhatAMailerCouldReadAsAnotherAddress) {
  for (const char* bad : {"x<victim@example.org>.1",
                          "<victim@example.org>",
                          "Victim <victim@example.org>",
                          "\"x\"@example.org",
                          "victim@example.org,other@example.org",
                          "victim@example.org (x)",
                          "@relay.example:victim@example.org",
                          "victim@[127.0.0.1]",
                          "victim@example",
                          "victim@@example.org",
                          "victim@exa mple.org",
                          "vic tim@example.org",
                          ".victim@example.org",
                          "victim.@example.org",
                          "vic..tim@example.org",
                          "victim@-example.org",
                          "victim@example-.org",
                          "victim@example..org",
                          "victim\n@example.org",
                          "victim@example.org\r\nBcc: x@y.z",
                          "victim\\@example.org",
                          "",
                          "   ",
                          "victim@ex\xc3\xa4mple.org"})
    EXPECT_EQ(NormaliseAddress(bad), std::nullopt) << "accepted " << bad;
  EXPECT_EQ(NormaliseAddress(std::string(65, 'a') + "@example.org"),
            std::nullopt);
}

TEST(MailboxOfTest, DropsTheTagOnly) {
  EXPECT_EQ(MailboxOf("ana+one@example.org"), "ana@example.org");
  EXPECT_EQ(MailboxOf("ana+one+two@example.org"), "ana@example.org");
  EXPECT_EQ(MailboxOf("ana@example.org"), "ana@example.org");
  EXPECT_EQ(MailboxOf("ana.b@ex+ample.org"), "ana.b@ex+ample.org");
}

}  // namespace
}  // namespace grants::sign_in
