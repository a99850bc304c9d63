// The grantee's grants: offers to accept or decline, and their payments.
#include <fmt/format.h>

#include "clients/portal/errors.h"
#include "clients/portal/html.h"
#include "clients/portal/page.h"
#include "common/crypto.h"

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

std::string ConditionStateLabel(v1::ConditionState state) {
  switch (state) {
    case v1::CONDITION_STATE_MET:
      return "Sent: the grants team is checking it";
    case v1::CONDITION_STATE_SIGNED_OFF:
      return "Signed off";
    default:
      return "To do";
  }
}

}  // namespace

namespace {

// The award's payments as table rows, when it has any.
List PaymentRows(const Portal::Call& c, const v1::Award& a,
                 const v1::ListPaymentsResponse& payments) {
  List rows;
  for (const auto& p : payments.payments()) {
    if (p.award_id() != a.id()) continue;
    std::string due = p.due() == v1::DUE_KIND_ON_ACCEPTANCE
                          ? c.T("When you accept")
                      : p.due() == v1::DUE_KIND_ON_FINAL_REPORT
                          ? c.T("When your final report is accepted")
                      : p.due() == v1::DUE_KIND_ON_CONDITIONS
                          ? c.T("When the conditions are signed off")
                          : p.due_date();
    Object row{{"instalment", std::to_string(p.instalment())},
               {"amount", Money(p.amount())},
               {"due", due},
               {"state", c.T(PaymentStateLabel(p.state()))}};
    SetOptional(row, "paid", p.paid_date());
    rows.push_back(row);
  }
  return rows;
}

// An offer's answer: the reason to decline, and the two buttons.
Object Offer(const Portal::Call& c, const v1::Award& a) {
  FormFields form(c, /*errors=*/{});
  return {{"reason", form.Area({"reason-" + a.id(),
                                c.T("If you decline, tell us why (optional)")},
                               3)},
          {"accept", c.T("Accept the grant")},
          {"decline", c.T("Decline the grant")}};
}

// Condition `index` of the award in the page's language where an officer
// translated it, else in English, saying so (#17 item 2).
std::string ConditionText(const Portal::Call& c, const v1::Award& a,
                          int index) {
  if (index < 0 || index >= a.conditions_size()) return "";
  for (const auto& t : a.condition_translations())
    if (t.language() == c.session.language && index < t.conditions_size() &&
        !t.conditions(index).empty())
      return t.conditions(index);
  if (c.session.language == "en") return a.conditions(index);
  return a.conditions(index) + " (" +
         c.T("no translation yet: shown in English") + ")";
}

// One award: amount, state, dates, conditions, payments; an offer has the
// buttons to accept or decline it.
Object AwardSection(const Portal::Call& c, const v1::Award& a,
                    const v1::ListPaymentsResponse& payments,
                    const FieldErrors& errors, const Typed& typed) {
  Object award{{"id", a.id()},
               {"request_id", RandomUuid()},  // one a form
               {"heading", c.TF("Grant of {amount}",
                                fmt::arg("amount", Money(a.amount())))},
               {"state", c.T(AwardStateLabel(a.state()))}};
  bool offered = a.state() == v1::AWARD_STATE_OFFERED;
  if (offered && !a.expires_london().empty())
    award["answer_by"] = c.TF("{when} (London time)",
                              fmt::arg("when", LondonText(a.expires_london())));
  if (!a.start_date().empty())
    award["dates"] = a.start_date() + " – " + a.end_date();
  if (!a.condition_items().empty()) {
    const bool open_award = offered || a.state() == v1::AWARD_STATE_ACCEPTED ||
                            a.state() == v1::AWARD_STATE_ACTIVE;
    List items;
    for (const auto& k : a.condition_items()) {
      Object item{{"id", k.id()},
                  {"text", ConditionText(c, a, k.number() - 1)},
                  {"state", c.T(ConditionStateLabel(k.state()))}};
      SetOptional(item, "returned",
                  k.return_comment().empty() ? ""
                                             : c.T("Your grant officer asks:") +
                                                   " " + k.return_comment());
      if (open_award && k.state() == v1::CONDITION_STATE_OPEN) {
        FormFields form(c, errors, &typed);
        item["meet"] = Object{
            {"action", "/awards/" + a.id() + "/conditions/" + k.id()},
            {"request_id", RandomUuid()},
            {"statement",
             form.Area({"statement-" + k.id(), c.T("How you meet it"),
                        c.T("Optional if you attach a document")},
                       3)},
            {"file", form.Text({"file-" + k.id(), c.T("A document (optional)"),
                                FileHint(c)},
                               kFileInput)},
            {"send", c.T("Send")}};
      }
      items.push_back(std::move(item));
    }
    award["conditions"] = Object{{"items", items}};
  } else if (!a.conditions().empty()) {
    List items;
    for (int i = 0; i < a.conditions_size(); ++i)
      items.push_back(Object{{"text", ConditionText(c, a, i)}});
    award["conditions"] = Object{{"items", items}};
  }
  if (offered) award["offer"] = Offer(c, a);
  List rows = PaymentRows(c, a, payments);
  if (!rows.empty()) award["payments"] = Object{{"rows", rows}};
  return award;
}

}  // namespace

void Portal::Awards(Call& c) { ShowAwards(c, {}, {}, 200); }

void Portal::ShowAwards(Call& c, const FieldErrors& errors, const Typed& typed,
                        int status) {
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
  List awards;
  for (const auto& listed : resp.awards()) {
    // Lists leave the conditions' items out: read an award that has any.
    v1::Award a = listed;
    if (!listed.conditions().empty()) {
      v1::GetAwardRequest get;
      get.set_id(listed.id());
      s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
        return backend_.awards().GetAward(ctx, get, &a);
      });
      if (!s.ok()) return RefuseFromBackend(c, s);
    }
    awards.push_back(AwardSection(c, a, payments, errors, typed));
  }
  Object page{{"awards", awards},
              {"none", c.T("You have no grants yet. Offers appear here.")},
              {"status_label", c.T("Status")},
              {"answer_by_label", c.T("Answer by")},
              {"dates_label", c.T("Project dates")},
              {"conditions_label", c.T("Conditions of the grant:")},
              {"payments_label", c.T("Payments")},
              {"instalment_label", c.T("Instalment")},
              {"amount_label", c.T("Amount")},
              {"due_label", c.T("Due")}};
  if (c.Param("met") == "1")
    page["confirmation"] =
        c.T("Thank you. The grants team will check what you sent.");
  Render(c, c.T("Your grants"), "awards", page, errors, status);
}

void Portal::AfterAwardForm(Call& c, const absl::Status& s,
                            const std::string& done) {
  if (s.code() == absl::StatusCode::kPermissionDenied ||
      s.code() == absl::StatusCode::kNotFound)
    return RefuseFromBackend(c, s);
  if (!s.ok())
    return Render(c, c.T("Your grants"), "notice",
                  Notice({}, "/awards", c.T("Back to your grants")),
                  ErrorsOf(s, c.session.language), 400);
  Redirect(c, done);
}

void Portal::ConditionMeet(Call& c) {
  const std::string award_id = c.req.matches[1];
  const std::string condition_id = c.req.matches[2];
  const std::string file_field = "file-" + condition_id;
  v1::MeetConditionRequest req;
  req.set_request_id(c.form_id + "/meet");
  req.set_condition_id(condition_id);
  req.set_statement(c.Param(("statement-" + condition_id).c_str()));
  absl::Status s;
  if (c.req.has_file(file_field.c_str()) &&
      !c.req.get_file_value(file_field.c_str()).content.empty()) {
    const auto file = c.req.get_file_value(file_field.c_str());
    v1::StartUploadRequest start;
    start.set_award_id(award_id);
    start.set_kind(v1::DOCUMENT_KIND_EVIDENCE);
    start.set_file_name(file.filename);
    v1::Document doc;
    s = SendDocument(backend_, c, start, file.content, &doc);
    if (s.ok()) req.add_document_ids(doc.id());
  }
  v1::AwardCondition out;
  if (s.ok()) {
    s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
      return backend_.awards().MeetCondition(ctx, req, &out);
    });
    if (!s.ok() && req.document_ids_size() > 0)
      DropEvidence(backend_, c, req.document_ids(0));
  }
  if (s.ok() || s.code() == absl::StatusCode::kPermissionDenied ||
      s.code() == absl::StatusCode::kNotFound)
    return AfterAwardForm(c, s, "/awards?met=1");
  // Refused: the page again, each error beside this condition's fields and
  // the statement as typed.
  FieldErrors errors = ErrorsOf(s, c.session.language);
  for (auto& [field, message] : errors)
    if (field == "file" || field == "statement") field += "-" + condition_id;
  const std::string statement_field = "statement-" + condition_id;
  ShowAwards(c, errors, {{statement_field, req.statement()}}, 400);
}

void Portal::AwardRespond(Call& c) {
  std::string id = c.req.matches[1];
  absl::Status s;
  v1::Award award;
  if (c.Param("action") == "accept") {
    v1::AcceptOfferRequest req;
    req.set_request_id(c.form_id);
    req.set_id(id);
    s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
      return backend_.awards().AcceptOffer(ctx, req, &award);
    });
  } else {
    v1::DeclineOfferRequest req;
    req.set_request_id(c.form_id);
    req.set_id(id);
    req.set_reason(c.Param(("reason-" + id).c_str()));
    s = backend_.Call(c.session.token, [&](grpc::ClientContext* ctx) {
      return backend_.awards().DeclineOffer(ctx, req, &award);
    });
  }
  AfterAwardForm(c, s, "/awards");
}

}  // namespace grants::portal
