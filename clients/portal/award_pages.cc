// The grantee's grants: offers to accept or decline, and their payments.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "clients/portal/errors.h"
#include "clients/portal/html.h"
#include "clients/portal/page.h"
#include "common/crypto.h"
#include "common/i18n/catalog.h"
#include "common/money.h"
#include "common/reference_data.h"

namespace grants::portal {

namespace {

std::string AwardStateLabel(v1::AwardState state) {
  switch (state) {
    case v1::AWARD_STATE_OFFERED:
      return "Offered: waiting for your answer";
    case v1::AWARD_STATE_ACCEPTED:
      return "Accepted";
    case v1::AWARD_STATE_ACTIVE:
      return "Active";
    case v1::AWARD_STATE_DECLINED:
      return "Declined";
    case v1::AWARD_STATE_EXPIRED:
      return "Expired";
    case v1::AWARD_STATE_TERMINATED:
      return "Ended early";
    default:
      return "Unknown";
  }
}

std::string PaymentStateLabel(v1::PaymentState state) {
  switch (state) {
    case v1::PAYMENT_STATE_SCHEDULED:
      return "Scheduled";
    case v1::PAYMENT_STATE_DUE:
      return "Due";
    case v1::PAYMENT_STATE_REQUESTED:
      return "Being approved";
    case v1::PAYMENT_STATE_AUTHORISED:
      return "Approved";
    case v1::PAYMENT_STATE_INSTRUCTED:
      return "Sent to the bank";
    case v1::PAYMENT_STATE_PAID:
      return "Paid";
    case v1::PAYMENT_STATE_FAILED:
      return "Failed: we will contact you";
    case v1::PAYMENT_STATE_CANCELLED:
      return "Cancelled";
    default:
      return "Unknown";
  }
}

}  // namespace

// ---- Awards
// ------------------------------------------------------------------

namespace {

// One award: amount, state, dates, conditions; an offer has the buttons to
// accept or decline it.
// An award's payments as a table ("" when it has none).
std::string PaymentsTable(const Portal::Call& c, const v1::Award& a,
                          const v1::ListPaymentsResponse& payments) {
  std::string rows;
  for (const auto& p : payments.payments()) {
    if (p.award_id() != a.id()) continue;
    std::string due = p.due() == v1::DUE_KIND_ON_ACCEPTANCE
                          ? c.T("When you accept")
                      : p.due() == v1::DUE_KIND_ON_FINAL_REPORT
                          ? c.T("When your final report is accepted")
                          : p.due_date();
    rows += "<tr><td>" + std::to_string(p.instalment()) + "</td><td>" +
            Escape(Money(p.amount())) + "</td><td>" + Escape(due) +
            "</td><td>" + Escape(c.T(PaymentStateLabel(p.state()))) +
            (p.paid_date().empty() ? "" : " " + Escape(p.paid_date())) +
            "</td></tr>";
  }
  if (rows.empty()) return "";
  return "<h3 class=\"govuk-heading-s\">" + Escape(c.T("Payments")) +
         "</h3><div class=\"portal-table-wrapper\" tabindex=\"0\" "
         "role=\"region\" aria-label=\"" +
         Escape(c.T("Payments")) +
         "\"><table class=\"govuk-table\"><thead><tr>"
         "<th scope=\"col\">" +
         Escape(c.T("Instalment")) + "</th><th scope=\"col\">" +
         Escape(c.T("Amount")) + "</th><th scope=\"col\">" +
         Escape(c.T("Due")) + "</th><th scope=\"col\">" +
         Escape(c.T("Status")) + "</th></tr></thead><tbody>" + rows +
         "</tbody></table></div>";
}

std::string AwardSection(const Portal::Call& c, const v1::Award& a,
                         const v1::ListPaymentsResponse& payments,
                         const FieldErrors& errors) {
  std::string id = Escape(a.id());
  std::string out =
      "<section class=\"portal-round\" aria-labelledby=\"award-" + id +
      "\"><h2 class=\"govuk-heading-m\" id=\"award-" + id + "\">" +
      Escape(c.TF("Grant of {amount}", fmt::arg("amount", Money(a.amount())))) +
      "</h2><dl class=\"govuk-summary-list\"><div><dt>" +
      Escape(c.T("Status")) + "</dt><dd class=\"portal-award-state\">" +
      Escape(c.T(AwardStateLabel(a.state()))) + "</dd></div>";
  if (a.state() == v1::AWARD_STATE_OFFERED && !a.expires_london().empty())
    out += "<div><dt>" + Escape(c.T("Answer by")) + "</dt><dd>" +
           Escape(c.TF("{when} (London time)",
                       fmt::arg("when", LondonText(a.expires_london())))) +
           "</dd></div>";
  if (!a.start_date().empty())
    out += "<div><dt>" + Escape(c.T("Project dates")) + "</dt><dd>" +
           Escape(a.start_date() + " – " + a.end_date()) + "</dd></div>";
  out += "</dl>";
  if (!a.conditions().empty()) {
    out += "<p class=\"govuk-body\">" +
           Escape(c.T("Conditions of the grant:")) +
           "</p><ul class=\"govuk-list\">";
    for (const auto& condition : a.conditions())
      out += "<li>" + Escape(condition) + "</li>";
    out += "</ul>";
  }
  if (a.state() == v1::AWARD_STATE_OFFERED)
    out +=
        c.Form("/awards/" + a.id(),
               TextArea({"reason-" + a.id(),
                         c.T("If you decline, tell us why (optional)"), "", "",
                         ErrorFor(errors, "reason")},
                        3) +
                   "<div class=\"govuk-button-group\">" +
                   Button(c.T("Accept the grant"), "action", "accept") +
                   Button(c.T("Decline the grant"), "action", "decline", true) +
                   "</div>");
  return out + PaymentsTable(c, a, payments) + "</section>";
}

}  // namespace

void Portal::Awards(Call& c) {
  v1::ListAwardsRequest req;
  req.set_page_size(100);
  v1::ListAwardsResponse resp;
  absl::Status s =
      backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
        return backend_.awards().ListAwards(ctx, req, &resp);
      });
  if (!s.ok()) return RefuseFromBackend(c, s);
  v1::ListPaymentsRequest list;  // the organisation's own (grantsd scopes)
  list.set_page_size(500);
  v1::ListPaymentsResponse payments;
  s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
    return backend_.payments().ListPayments(ctx, list, &payments);
  });
  if (!s.ok()) return RefuseFromBackend(c, s);
  std::string body;
  for (const auto& a : resp.awards()) body += AwardSection(c, a, payments, {});
  Render(c, c.T("Your grants"),
         body.empty()
             ? Paragraph(c.T("You have no grants yet. Offers appear here."))
             : body);
}

void Portal::AwardRespond(Call& c) {
  std::string id = c.req.matches[1];
  absl::Status s;
  v1::Award award;
  if (c.Param("action") == "accept") {
    v1::AcceptOfferRequest req;
    req.set_request_id(RandomUuid());
    req.set_id(id);
    s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
      return backend_.awards().AcceptOffer(ctx, req, &award);
    });
  } else {
    v1::DeclineOfferRequest req;
    req.set_request_id(RandomUuid());
    req.set_id(id);
    req.set_reason(c.Param(("reason-" + id).c_str()));
    s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
      return backend_.awards().DeclineOffer(ctx, req, &award);
    });
  }
  if (s.code() == absl::StatusCode::kPermissionDenied ||
      s.code() == absl::StatusCode::kNotFound)
    return RefuseFromBackend(c, s);
  if (!s.ok()) {
    FieldErrors errors = ErrorsOf(s, c.session.language);
    return Render(c, c.T("Your grants"),
                  "<p class=\"govuk-body\"><a href=\"/awards\">" +
                      Escape(c.T("Back to your grants")) + "</a></p>",
                  errors, 400);
  }
  Redirect(c, "/awards");
}

}  // namespace grants::portal
