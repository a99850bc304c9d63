#!/usr/bin/env bash
# End to end through the real binaries, as docs/walkthrough.md shows them: grantsd
# migrate + serve (TLS, tokens, mTLS) on the test PostgreSQL, an officer's
# walk through setting up a round with grantsctl, the Python client example,
# an award decided with four eyes, offered and accepted, and a graceful
# SIGTERM shutdown.
# Usage: cli_walkthrough_test.sh BUILD_DIR REPO_ROOT CREDENTIALS_DIR
set -euo pipefail
BUILD=$1 ROOT=$2 CREDS=$3
GRANTSD="$BUILD/services/server/grantsd"
CTL="$BUILD/clients/grantsctl/grantsctl"
work=$(mktemp -d)
db="grants_e2e_$$_$RANDOM"
pid=""

cleanup() {
  [[ -n "$pid" ]] && kill -KILL "$pid" 2>/dev/null || true
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [[ -f "$work/grantsd.log" ]] && tail -20 "$work/grantsd.log" >&2; exit 1; }
# shellcheck source=lib.sh
source "$ROOT/tests/e2e/lib.sh"

psql -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db" || fail "PostgreSQL unreachable"
export GRANTS_DATABASE="dbname=$db"
expect_in "migrations applied: [1-9]" "$("$GRANTSD" migrate)"
expect_in "migrations applied: 0" "$("$GRANTSD" migrate)"
# grantsd serves as a login role in grants_writer (migration 0017), which
# may not rewrite the audit trail, as docs/audit.md sets it up.
psql -q -v ON_ERROR_STOP=1 -d postgres -c "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'grantsd_e2e') THEN
    CREATE ROLE grantsd_e2e LOGIN PASSWORD 'grantsd-e2e' IN ROLE grants_writer;
  END IF; END \$\$" || fail "cannot create grantsd's role"
serve_db="dbname=$db user=grantsd_e2e password=grantsd-e2e"

# Start-up validation: a bad setting is one clear line naming the flag, exit 1.
common_flags=(--listen 127.0.0.1:0 --tls-key "$CREDS/server.key" --client-ca "$CREDS/ca.pem"
  --jwt-public-key "$CREDS/jwt-signing.pub" --audit-key-file "$CREDS/audit.key")
serve_flags=("${common_flags[@]}" --tls-cert "$CREDS/server.pem" --database "$serve_db"
  --audit-checkpoint-key "$CREDS/audit-checkpoint.key")
refused_start() { # expect grantsd serve ARGS... to exit 1 with one line
  local rc=0 err
  err=$("$GRANTSD" serve "$@" 2>&1) || rc=$?
  [[ $rc == 1 ]] || fail "grantsd serve $* should exit 1, got $rc: $err"
  [[ $(wc -l <<<"$err") == 1 ]] || fail "expected one error line, got: $err"
  printf '%s' "$err"
}
err=$(refused_start "${common_flags[@]}" --tls-cert "$work/missing.pem")
expect_in "CONFIG_INVALID" "$err"
expect_in "--tls-cert" "$err"
expect_in "$work/missing.pem" "$err"
err=$(refused_start "${serve_flags[@]}" --metrics-listen 0.0.0.0:9464)
expect_in "CONFIG_INVALID" "$err"
expect_in "--metrics-listen" "$err"

"$GRANTSD" serve "${serve_flags[@]}" >"$work/grantsd.log" 2>&1 &
pid=$!
port=$(wait_port "$pid" "$work/grantsd.log" grantsd)

# It really serves as grantsd's role, not as GRANTS_DATABASE's owner.
[[ "$(psql -qtA -d postgres -c "SELECT count(*) > 0 FROM pg_stat_activity
  WHERE datname = '$db' AND usename = 'grantsd_e2e'")" == t ]] ||
  fail "grantsd does not connect as grantsd_e2e"
[[ "$(psql -qtA -d postgres -c "SELECT count(*) FROM pg_stat_activity
  WHERE datname = '$db' AND usename <> 'grantsd_e2e'")" == 0 ]] ||
  fail "grantsd connects as another role than grantsd_e2e"

export GRANTS_SERVER="localhost:$port" GRANTS_CA="$CREDS/ca.pem"
export GRANTS_SIGNING_KEY="$CREDS/jwt-signing.key" GRANTS_AS=officer

# The officer sets up "EUSS outreach, round 1" from nothing.
f1=$("$CTL" -o json funder create --org-id GB-CHC-1085314 --name "Trust for London" | json_field '["id"]')
f2=$("$CTL" -o json funder create --org-id GB-CHC-1102927 --name "Paul Hamlyn Foundation" | json_field '["id"]')
fund=$("$CTL" -o json fund create --name "London Community Migration Fund" | json_field '["id"]')
"$CTL" fund contribute --fund "$fund" --funder "$f1" --amount 100000 >/dev/null
"$CTL" fund contribute --fund "$fund" --funder "$f2" --amount 80,000.00 >/dev/null
prog=$("$CTL" -o json programme create --code EUSS --name "EU Settlement Scheme outreach grants" \
  --fund "$fund" --community roma --community disabled_people | json_field '["id"]')
round=$("$CTL" -o json round create --programme "$prog" --name "EUSS outreach, round 1" \
  --opens 2025-03-01T09:00 --closes 2030-04-01T12:00 --budget 45000 --min-grant 500 \
  --max-grant 5000 | json_field '["id"]')
# Eligibility rules while draft: each flag changes only its own rule.
"$CTL" round update "$round" --london-only --max-applications-per-round 2 \
  --required-document accounts >/dev/null
out=$("$CTL" -o json round update "$round" --max-grants-per-round 1 \
  --max-grants-per-programme 3)
expect_in '"london_only": *true' "$out"
expect_in '"max_applications_per_round": *2' "$out"
expect_in '"max_grants_per_round": *1' "$out"
expect_in '"max_grants_per_programme": *3' "$out"
rc=0
err=$("$CTL" round update "$round" --max-grants-per-round 101 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "a limit above 100 should be refused by the server, got $rc"
expect_in "spec.eligibility.max_grants_per_round" "$err"
out=$("$CTL" round open "$round")
expect_in "EUSS-R1" "$out"
expect_in "open" "$out"
expect_in "2030-04-01T12:00:00+01:00" "$out"
expect_in "GBP 135,000.00" "$("$CTL" fund get "$fund")"

# Refusals: one clear line with the reason and field, and the right exit code.
rc=0
err=$("$CTL" round create --programme "$prog" --name "Too big" --opens 2030-03-01T09:00 \
  --closes 2030-04-01T12:00 --budget 200000 --min-grant 500 --max-grant 5000 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "server refusal should exit 1, got $rc"
expect_in "FUND_BALANCE_EXCEEDED" "$err"
expect_in "spec.budget" "$err"
rc=0
"$CTL" round create --programme "$prog" --name x --opens 2030-03-01T09:00 \
  --closes 2030-04-01T12:00 --budget 12.345 --min-grant 1 --max-grant 1 2>/dev/null || rc=$?
[[ $rc == 2 ]] || fail "a fractional amount should be a usage error (2), got $rc"
rc=0
err=$(GRANTS_AS=grantee GRANTS_ORG=ORG-DEMO "$CTL" funder list 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "a grantee listing funders should exit 1, got $rc"
expect_in "ROLE_NOT_ALLOWED" "$err"
rc=0
err=$("$CTL" --client-cert "$CREDS/finance.pem" --client-key "$CREDS/finance.key" \
  --signing-key "" fund list 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "the finance machine listing funds should exit 1, got $rc"
expect_in "role finance may not" "$err"

# A grantee registers its group, drafts, and submits before the deadline;
# the officer sees it, returns it once, and the grantee resubmits.
"$CTL" round update "$round" --name x >/dev/null 2>&1 && fail "an open round must not be editable"
grantee=(env GRANTS_AS=grantee GRANTS_ORG=ORG-ROMA "$CTL")
out=$("${grantee[@]}" organisation register --name "Roma Support Group" \
  --legal-form registered_charity --charity-number 1085314 --income 48000 \
  --borough E09000030 --contact-name "Ana Popescu" --contact-email ana@example.org \
  --account-name "Roma Support Group" --sort-code 12-34-56 --account-number 12345678 \
  --language ro)
expect_in "GB-CHC-1085314" "$out"
expect_in "\*\*\*\*5678" "$out"
app=$("${grantee[@]}" -o json application create --round "$round" --amount 2500 \
  --summary "Drop-in EUSS sessions for Roma families" --community roma \
  --borough E09000030 --language ro --language rom --supported-directly 120 \
  --reached-with-information 3000 --budget-line "Venue hire=1000" \
  --budget-line "Sessional workers=1500" | json_field '["id"]')
rc=0
err=$("${grantee[@]}" application update "$app" --budget-line "Venue hire=100" 2>&1 \
  && "${grantee[@]}" application submit "$app" 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "budget lines that do not add up must be refused, got $rc"
expect_in "BUDGET_LINES_MISMATCH" "$err"
"${grantee[@]}" application update "$app" --budget-line "Venue hire=1000" \
  --budget-line "Sessional workers=1500" >/dev/null
# The round asks for the group's accounts: refused until attached; the
# EICAR test file is refused by the virus scan and nothing of it kept.
rc=0
err=$("${grantee[@]}" application submit "$app" 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "submitting without the required accounts must be refused, got $rc"
expect_in "DOCUMENTS_MISSING" "$err"
printf '%s' 'X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*' >"$work/eicar.pdf"
rc=0
err=$("${grantee[@]}" document upload "$work/eicar.pdf" --application "$app" --kind accounts 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "the EICAR file must be refused, got $rc"
expect_in "DOCUMENT_INFECTED" "$err"
printf '%%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%%%EOF\n' \
  >"$work/accounts.pdf"
doc=$("${grantee[@]}" -o json document upload "$work/accounts.pdf" --application "$app" \
  --kind accounts | json_field '["id"]')
out=$("$CTL" document list --application "$app")
expect_in "accounts.pdf" "$out"
expect_in "application/pdf" "$out"
[[ $(echo "$out" | grep -c pdf) == 1 ]] || fail "one document is kept, not the infected one: $out"
"$CTL" document download "$doc" -O "$work/accounts-back.pdf" >/dev/null
cmp -s "$work/accounts.pdf" "$work/accounts-back.pdf" || fail "the downloaded document differs"
# A file attached by mistake goes again, with its bytes, while the
# application can change.
wrong=$("${grantee[@]}" -o json document upload "$work/accounts.pdf" --application "$app" \
  --kind other --name "holiday photo.pdf" | json_field '["id"]')
"${grantee[@]}" document delete "$wrong" >/dev/null
[[ $("$CTL" document list --application "$app" | grep -c pdf) == 1 ]] ||
  fail "the removed document is still listed"
rc=0
err=$("$CTL" document download "$wrong" -O "$work/wrong.pdf" 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "a removed document must not be readable, got $rc"
expect_in "DOCUMENT_NOT_FOUND" "$err"
out=$("${grantee[@]}" application submit "$app")
expect_in "EUSS-R1-0001" "$out"
expect_in "eligible" "$out"
expect_in "EUSS-R1-0001" "$("$CTL" application list --round "$round" --state submitted)"
"$CTL" application return "$app" --comment "Please add how you will reach older people" >/dev/null
"${grantee[@]}" application update "$app" --summary "Drop-in EUSS sessions for Roma families and older people" >/dev/null
out=$("${grantee[@]}" -o json application submit "$app")
expect_in '"version":2' "$out"
"$CTL" extension grant --round "$round" --organisation ORG-ROMA --closes 2030-04-08T12:00 \
  --reason "Coordinator unwell" >/dev/null
expect_in "2030-04-08T12:00:00+01:00" "$("$CTL" extension list --round "$round")"
# Assessment: a rubric, a reviewer refused for a declared conflict, scores
# checked against the rubric, moderation with a reason, the exact ranking.
reviewer() { env GRANTS_AS=reviewer GRANTS_SUBJECT="$1" "$CTL" "${@:2}"; }
"$CTL" assessment rubric set --round "$round" --criterion "need|Evidence of need|3|0|5|optional" \
  --criterion "reach|Reach into the communities|2|1|10|required" >/dev/null
expect_in "reach,Reach into the communities,2,1,10,required" \
  "$(reviewer rev-1 -o csv assessment rubric get --round "$round")"
reviewer rev-2 assessment conflict declare --organisation ORG-ROMA --note "Trustee of the group" >/dev/null
rc=0
err=$("$CTL" assessment assign --application "$app" --reviewer rev-1 --reviewer rev-2 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "assigning a conflicted reviewer should exit 1, got $rc"
expect_in "REVIEWER_CONFLICTED" "$err"
expect_in "reviewers\[1\]" "$err"
"$CTL" assessment assign --application "$app" --reviewer rev-1 >/dev/null
expect_in "EUSS-R1-0001" "$(reviewer rev-1 assessment assignments)"
rc=0
err=$(reviewer rev-2 assessment review "$app" 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "a conflicted reviewer must not read the application"
expect_in "REVIEWER_CONFLICTED" "$err"
rc=0
err=$(reviewer rev-1 assessment score --application "$app" --score need=4 --score reach=7 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "a score without its required comment should exit 1, got $rc"
expect_in "COMMENT_REQUIRED" "$err"
expect_in "scores\[1\].comment" "$err"
reviewer rev-1 assessment score --application "$app" --score need=4 --score reach=7 \
  --comment "reach=Works through churches and WhatsApp groups" >/dev/null
out=$("$CTL" -o json assessment moderate --application "$app" --reviewer rev-1 \
  --criterion need --value 3 --reason "Panel calibration")
expect_in '"effective_value":3' "$(tr -d ' \n' <<<"$out")"
# need 3 x 3 + reach 7 x 2 = 23, one reviewer.
expect_in "1,EUSS-R1-0001,$app,ORG-ROMA,23.00,23/1,1," \
  "$("$CTL" --as auditor -o csv assessment ranking --round "$round")"

rc=0
err=$(GRANTS_AS=grantee GRANTS_ORG=ORG-OTHER "$CTL" application get "$app" 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "another organisation must not read the application"
expect_in "ORGANISATION_SCOPE" "$err"

# Acting on behalf (#17 item 4): a group that cannot apply online asked for
# help; an officer creates, fills and submits its application, giving the
# reason. Without a reason, or for a group that does not exist: refused.
# The officer registers the group first (it has no one who uses email
# often): only with a reason, and the group is told it may sign in.
oli=("$CTL" --subject officer-oli)
register=(organisation register --name "Polish Elders Club" \
  --legal-form registered_charity --charity-number 1100001 --income 3000 \
  --borough E09000030 --contact-name "Jan Nowak" --contact-email jan@example.org \
  --language pl)
rc=0
err=$("${oli[@]}" "${register[@]}" 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "registering a group without a reason should exit 1, got $rc"
expect_in "ON_BEHALF_REASON_REQUIRED" "$err"
phone=$("${oli[@]}" -o json "${register[@]}" \
  --on-behalf-reason "Registered by phone through an interpreter" | json_field '["id"]')
behalf=(--on-behalf "$phone" --on-behalf-reason "Applied by phone through an interpreter")
rc=0
err=$("${oli[@]}" application create --round "$round" --amount 1500 --on-behalf "$phone" 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "acting on behalf without a reason should exit 1, got $rc"
expect_in "ON_BEHALF_REASON_REQUIRED" "$err"
expect_in "on_behalf.reason" "$err"
rc=0
err=$("${oli[@]}" application create --round "$round" --amount 1500 --on-behalf ORG-NOPE \
  --on-behalf-reason "By phone" 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "acting for an unknown organisation should exit 1, got $rc"
expect_in "ORGANISATION_NOT_FOUND" "$err"
papp=$("${oli[@]}" -o json application create --round "$round" --amount 1500 \
  --summary "Advice sessions in Polish" --community roma --borough E09000030 \
  --language pl --supported-directly 40 --reached-with-information 400 \
  "${behalf[@]}" | json_field '["id"]')
"${oli[@]}" application update "$papp" --budget-line "Interpreters=1500" "${behalf[@]}" >/dev/null
# The group's accounts came by post: the officer attaches them for it, with
# the reason, and the document says who uploaded it and why.
out=$("${oli[@]}" document upload "$work/accounts.pdf" --application "$papp" --kind accounts \
  --on-behalf-reason "Posted to us; scanned by the officer")
expect_in "Posted to us; scanned by the officer" "$out"
out=$("${oli[@]}" -o csv application submit "$papp" "${behalf[@]}")
expect_in "EUSS-R1-0002" "$out"
expect_in "SubmitApplication by officer-oli for $phone: Applied by phone through an interpreter" "$out"
# The group sees it as its own, with who acted for it; the trail names the
# officer.
help=(env GRANTS_AS=grantee GRANTS_ORG="$phone" "$CTL")
expect_in "CreateApplication by officer-oli" "$("${help[@]}" -o csv application get "$papp")"
expect_in "officer-oli" "$("$CTL" -o csv audit list --entity-type application)"

expect_in "ok:" "$("$CTL" --as auditor audit verify)"
expect_in "OpenRound" "$("$CTL" audit list --entity-type round)"
# A checkpoint of the trail, kept outside the database with its public key.
expect_in "written to $work/checkpoint.txt" "$("$CTL" --as auditor audit checkpoint \
  --out "$work/checkpoint.txt" --public-key-out "$work/checkpoint.pub")"
expect_in "^grants audit checkpoint v1" "$(cat "$work/checkpoint.txt")"
head -c 100 "$work/checkpoint.txt" >"$work/truncated.txt"
rc=0
err=$("$CTL" --as auditor audit verify --checkpoint "$work/truncated.txt" 2>&1) || rc=$?
[[ $rc == 1 || $rc == 2 ]] || fail "a truncated checkpoint should be refused, got $rc: $err"
expect_in "CHECKPOINT_MALFORMED" "$err"

# A generic gRPC client in another language.
token=$("$CTL" token mint --key "$CREDS/jwt-signing.key" --role grantee --subject g1 --org ORG-DEMO)
out=$(/usr/bin/python3 "$ROOT/ops/examples/grants_client.py" --server "localhost:$port" \
  --ca "$CREDS/ca.pem" --token "$token")
expect_in "EUSS-R1	ROUND_STATE_OPEN" "$out"
expect_in "error INVALID_ARGUMENT ID_INVALID id" "$out"

# Awards: the round closes, one officer recommends, another decides, the
# offer commits the budget, the grantee accepts; four eyes is enforced.
"$CTL" round close "$round" >/dev/null
# An officer cannot change the controls they act within; an administrator can.
rc=0
err=$("$CTL" award settings "$round" --microgrant-threshold 1000000 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "an officer setting the microgrant threshold should exit 1, got $rc"
expect_in "ROLE_NOT_ALLOWED" "$err"
"$CTL" --as administrator --subject admin-ada award settings "$round" \
  --microgrant-threshold 1000 --validity-days 21 >/dev/null
# The officer who applied for the phone group is involved: four eyes.
rc=0
err=$("${oli[@]}" award recommend "$papp" --outcome approve --amount 1500 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "the officer who acted on behalf recommending should exit 1, got $rc"
expect_in "FOUR_EYES_REQUIRED" "$err"
"$CTL" --subject officer-ann award recommend "$app" --outcome approve --amount 2500 >/dev/null
rc=0
err=$("$CTL" --subject officer-ann award decide "$app" --outcome approve 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "the recommender deciding should exit 1, got $rc"
expect_in "FOUR_EYES_REQUIRED" "$err"
out=$("$CTL" --subject officer-bob -o csv award decide-bulk --round "$round" --outcome approve "$app")
expect_in "$app,decided" "$out"
expect_in "approved" "$("$CTL" application get "$app")"
award=$("$CTL" -o json award offer "$app" --amount 2500 \
  --condition "Safeguarding policy provided" \
  --condition-translation "ro=Politica de protecție a copiilor trimisă" | json_field '["id"]')
# The group also reads Polish: the officer adds it; an unknown language or
# more texts than conditions are refused.
expect_in "Polityka ochrony dzieci przekazana" \
  "$("$CTL" award condition translate "$award" --language pl --text "Polityka ochrony dzieci przekazana")"
rc=0
err=$("$CTL" award condition translate "$award" --language xx --text "a" 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "an unknown language should exit 1, got $rc"
expect_in "LANGUAGE_NOT_SUPPORTED" "$err"
rc=0
err=$("$CTL" award condition translate "$award" --language pl --text "a" --text "b" 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "more texts than conditions should exit 1, got $rc"
expect_in "CONDITION_COUNT_MISMATCH" "$err"
expect_in "Politica de protecție a copiilor trimisă" "$("$CTL" -o json award get "$award")"
expect_in "GBP 2,500.00" "$("$CTL" award settings "$round")"
out=$("${grantee[@]}" award accept "$award")
expect_in "accepted" "$out"
expect_in "dev-grantee" "$out"
out=$("$CTL" -o csv award list --round "$round")
expect_in "$award,$app,ORG-ROMA,accepted,GBP 2,500.00" "$(tr -d '"' <<<"$out")"
# The shares by funder name, not id.
expect_in "Paul Hamlyn Foundation=GBP 1,111.11; Trust for London=GBP 1,388.89" "$out"
expect_in '"attribution":"ATTRIBUTION_BASIS_PRO_RATA"' "$("$CTL" -o json award get "$award" | tr -d ' ')"

# Payments: a schedule that sums to the award, requested by one officer and
# authorised by another within a limit; the Python finance client pulls the
# instruction, acknowledges it, remits, and its retry gets the same answer.
rc=0
err=$("$CTL" payment schedule "$award" --instalment 2000 --instalment 400@2030-01-01 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "a schedule that does not sum to the award should exit 1, got $rc"
expect_in "SCHEDULE_SUM_MISMATCH" "$err"
"$CTL" payment schedule "$award" --instalment 1500@conditions --instalment 1000@2030-01-01 >/dev/null
# The first instalment waits for the offer's condition (#18): it cannot be
# requested, nor the condition signed off, until the group meets it; the
# group sends its policy as a document of the award; another officer signs
# it off and the instalment is due.
first=$("$CTL" -o json payment list --award "$award" | json_field '["payments"][0]["id"]')
rc=0
err=$("$CTL" --subject officer-ann payment request "$first" 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "requesting a payment before its conditions are signed off should exit 1, got $rc"
expect_in "CONDITIONS_NOT_MET" "$err"
cond=$("$CTL" -o json award conditions "$award" | json_field '["condition_items"][0]["id"]')
rc=0
err=$("$CTL" --subject officer-bob award condition sign-off "$cond" 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "signing off a condition the group has not met should exit 1, got $rc"
expect_in "CONDITION_NOT_MET" "$err"
policy=$("${grantee[@]}" -o json document upload "$work/accounts.pdf" --award "$award" \
  --kind evidence --name "Safeguarding policy.pdf" | json_field '["id"]')
"${grantee[@]}" award condition meet "$cond" --statement "Adopted by our committee in March" \
  --document "$policy" >/dev/null
expect_in "signed_off" "$("$CTL" --subject officer-bob award condition sign-off "$cond")"
# What the condition was met with stays with it.
rc=0
err=$("${grantee[@]}" document delete "$policy" 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "removing evidence a condition sent should exit 1, got $rc"
expect_in "DOCUMENT_IN_USE" "$err"
pay=$("$CTL" -o json payment list --award "$award" --state due | json_field '["payments"][0]["id"]')
[[ "$pay" == "$first" ]] || fail "the instalment waiting for the condition should be due now"
# An officer with an interest in the group declares it, and from then on
# acts on none of its records.
"$CTL" --subject officer-cy conflict declare --organisation ORG-ROMA \
  --note "Trustee of the group" >/dev/null
expect_in "ORG-ROMA" "$("$CTL" -o csv conflict list --person officer-cy)"
rc=0
err=$("$CTL" --subject officer-cy payment request "$pay" 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "an officer with an interest requesting a payment should exit 1, got $rc"
expect_in "CONFLICT_OF_INTEREST" "$err"
"$CTL" --subject officer-ann payment request "$pay" >/dev/null
# The grantee proposes new bank details; the proposer cannot confirm them,
# another officer does; until then the old payee stands.
change=$("${grantee[@]}" -o json organisation bank-details propose ORG-ROMA \
  --account-name "Roma Support Group" --sort-code 65-43-21 --account-number 87654321 |
  json_field '["id"]')
expect_in "$change" "$("$CTL" -o csv organisation bank-details pending ORG-ROMA)"
rc=0
err=$("${grantee[@]}" organisation bank-details confirm "$change" 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "a grantee confirming bank details should exit 1, got $rc"
expect_in "ROLE_NOT_ALLOWED" "$err"
expect_in "confirmed" "$("$CTL" --subject officer-ann -o csv organisation bank-details confirm "$change")"
expect_in "****4321" "$("$CTL" organisation get ORG-ROMA)"
rc=0
err=$("$CTL" --subject officer-bob payment limit --officer officer-bob --limit 9999999 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "an officer raising their own limit should exit 1, got $rc"
expect_in "ROLE_NOT_ALLOWED" "$err"
rc=0
err=$("$CTL" --as administrator --subject admin-ada payment limit --officer admin-ada \
  --limit 2000 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "an administrator setting their own limit should exit 1, got $rc"
expect_in "LIMIT_FOR_SELF" "$err"
"$CTL" --as administrator --subject admin-ada limit set --officer officer-bob \
  --limit 2000 >/dev/null
rc=0
err=$("$CTL" --subject officer-ann payment authorise "$pay" 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "the requester authorising should exit 1, got $rc"
expect_in "FOUR_EYES_REQUIRED" "$err"
expect_in "authorised" "$("$CTL" --subject officer-bob -o csv payment authorise "$pay")"
out=$(/usr/bin/python3 "$ROOT/ops/examples/finance_client.py" --server "localhost:$port" \
  --ca "$CREDS/ca.pem" --cert "$CREDS/finance.pem" --key "$CREDS/finance.key")
expect_in "instruction .* 150000 GBP ORG-ROMA" "$out"
expect_in "acknowledged PAYMENT_STATE_INSTRUCTED" "$out"
expect_in "remitted PAYMENT_STATE_PAID" "$out"
expect_in "retry same" "$out"
expect_in "$pay,$award,1,GBP 1,500.00,on_conditions,,paid" "$(tr -d '"' <<<"$("$CTL" -o csv payment list --award "$award")")"
expect_in "ID" "$("$CTL" reconciliation list)"

# Monitoring: requirements with fixed due dates, the grantee's report, the
# officer's acceptance, reach figures that agree with a recomputation, and a
# London tile map naming every borough.
out=$("$CTL" -o csv report requirements set "$award" --require interim@90d --require final@2030-03-31)
expect_in ",final,2030-03-31,due" "$(tr -d '"' <<<"$out")"
reqid=$("$CTL" -o json report requirements list --award "$award" | json_field '["requirements"][0]["id"]')
# Spend per budget line names the application's lines (#18).
rc=0
err=$("${grantee[@]}" report submit --requirement "$reqid" --period-start 2026-01-01 \
  --period-end 2026-03-31 --spend 1200 --line-spend 3=10 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "spend on a budget line the application lacks should be refused, got $rc"
expect_in "BUDGET_LINE_UNKNOWN" "$err"
rep=$("${grantee[@]}" -o json report submit --requirement "$reqid" --period-start 2026-01-01 \
  --period-end 2026-03-31 --sessions 6 --supported 45 --reached 900 \
  --breakdown community:roma=40/800 --breakdown borough:E09000030=45/900 --spend 1200 \
  --line-spend 1=500 --line-spend 2=700 \
  --story "Families came back with their neighbours" | json_field '["id"]')
rc=0
err=$("$CTL" report review "$rep" --return 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "a return without a comment should be refused, got $rc"
expect_in "COMMENT_REQUIRED" "$err"
expect_in "accepted" "$("$CTL" -o csv report review "$rep" --accept)"
expect_in "total,,45,900,1" "$(tr -d '"' <<<"$("$CTL" -o csv reach summary --by community)")"
expect_in "roma,Roma,40,800,1" "$(tr -d '"' <<<"$("$CTL" -o csv reach summary --by community)")"
expect_in "ok" "$("$CTL" --as auditor reach verify)"
prog=$("$CTL" -o json round get "$round" | json_field '["programme_id"]')
"$CTL" indicator set --programme "$prog" --code roma_supported --name "Roma people supported" \
  --unit people --community roma --target =100 --target 2026-Q1=20:60 >/dev/null
expect_in "roma_supported,.*,2026-Q1,20,60,40" "$(tr -d '"' <<<"$("$CTL" -o csv indicator list --programme "$prog")")"
"$CTL" export 360giving --out "$work/grants.json" >/dev/null
/usr/bin/python3 "$ROOT/tests/validate_360giving.py" "$work/grants.json" \
  "${GRANTS_360G_SCHEMA_DIR:-$ROOT/../shared/standards/360giving/schema}" >/dev/null ||
  fail "the 360Giving export does not validate"
expect_in '"amountAwarded": *2500' "$(cat "$work/grants.json")"
expect_in "grants.csv,1" "$("$CTL" -o csv export grants-csv --out "$work/grants.csv")"
# UTF-8 with a byte-order mark, so a spreadsheet reads accented names.
[[ "$(head -c 3 "$work/grants.csv" | od -An -tx1 | tr -d ' ')" == efbbbf ]] ||
  fail "grants.csv does not start with a UTF-8 byte-order mark"
expect_in "^Identifier,Title,Description,Currency,Amount Awarded" "$(head -1 "$work/grants.csv" | sed 's/^\xEF\xBB\xBF//')"
expect_in "^360G-GRANTSLDN-.*,GBP,2500,1500,.*,E09000030" "$(tail -1 "$work/grants.csv")"
expect_in "payments.csv,[1-9]" "$("$CTL" -o csv export payments-csv --out "$work/payments.csv" --award "$award")"
# Each payment names its grant (the application's reference) and recipient,
# in pounds beside pence.
expect_in "^$pay,$award,[^,]*,[A-Z0-9][A-Z0-9-]*,[^,][^,]*,1,GBP,1500.00,150000,on_conditions,.*,paid" "$(cat "$work/payments.csv")"
"$CTL" reach map --out "$work/reach.svg" >/dev/null
expect_in "Tower Hamlets" "$(cat "$work/reach.svg")"
expect_in "Barking and Dagenham" "$(cat "$work/reach.svg")"

# Disclosure control: funders see only released quarters. The quarter the
# report was accepted in is still open; an ended one (two quarters back) is
# released once, and a funder of the programme reads it, never live figures.
read -r year month < <(TZ=Europe/London date +'%Y %-m')
now_q="$year-Q$(((month + 2) / 3))"
back=$(((year * 4 + (month - 1) / 3) - 2))
old_q="$((back / 4))-Q$((back % 4 + 1))"
rc=0
err=$("$CTL" reach release --programme "$prog" --quarter "$now_q" 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "releasing an open quarter should exit 1, got $rc"
expect_in "PERIOD_OPEN" "$err"
expect_in ",$old_q,0," "$(tr -d '"' <<<"$("$CTL" -o csv reach release --programme "$prog" --quarter "$old_q")")"
rc=0
err=$("$CTL" reach release --programme "$prog" --quarter "$old_q" 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "releasing a quarter twice should exit 1, got $rc"
expect_in "RELEASE_EXISTS" "$err"
funder=(env GRANTS_AS=funder GRANTS_FUNDER="$f1" "$CTL")
expect_in ",$old_q,0" "$(tr -d '"' <<<"$("${funder[@]}" -o csv reach releases --programme "$prog")")"
expect_in "total,,0,0,0" "$(tr -d '"' <<<"$("${funder[@]}" -o csv reach summary --scope programme --id "$prog" --period "$old_q" --by community)")"
rc=0
err=$("${funder[@]}" reach summary --scope programme --id "$prog" --period "$now_q" 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "a funder reading an unreleased quarter should exit 1, got $rc"
expect_in "PERIOD_NOT_RELEASED" "$err"
rc=0
err=$("${funder[@]}" reach summary 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "a funder reading live figures should exit 1, got $rc"
expect_in "FUNDER_SCOPE" "$err"
expect_in "roma_supported,.*,all,0,100,0$" "$(tr -d '"' <<<"$("${funder[@]}" -o csv indicator list --programme "$prog")")"
"$CTL" reach map --public --scope programme --id "$prog" --period "$old_q" --out "$work/public.svg" >/dev/null
expect_in "Tower Hamlets" "$(cat "$work/public.svg")"

# A variation the grantee proposes and another officer approves (the extra
# money is a new instalment), then termination: the unpaid instalments are
# cancelled, the rest goes back to the round, part of what was paid is owed.
var=$("${grantee[@]}" -o json award vary "$award" --amount 2600 --end-date 2030-06-30 \
  --reason "More families came than planned" | json_field '["id"]')
rc=0
err=$("$CTL" award variation reject "$var" 2>&1) || rc=$?
[[ $rc == 2 ]] || fail "a rejection without --comment should be a usage error, got $rc"
# Above the microgrant threshold two officers approve an increase, as they
# did the award: the first endorses it, the second applies it.
expect_in "proposed" "$("$CTL" --subject officer-bob -o csv award variation approve "$var")"
rc=0
err=$("$CTL" --subject officer-bob award variation approve "$var" 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "the endorser approving again should exit 1, got $rc"
expect_in "FOUR_EYES_REQUIRED" "$err"
expect_in "approved" "$("$CTL" --subject officer-ann -o csv award variation approve "$var")"
expect_in "GBP 2,600.00" "$("$CTL" award get "$award")"
expect_in "$var,$award,approved" "$(tr -d '"' <<<"$("$CTL" -o csv award variations --award "$award")")"
# Completing it now is refused: instalments are still to be paid (#18).
rc=0
err=$("$CTL" --subject officer-bob award complete "$award" 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "completing an award with unpaid instalments should exit 1, got $rc"
expect_in "PAYMENTS_UNSETTLED" "$err"
out=$("$CTL" --subject officer-bob -o csv award terminate "$award" --reason "The group dissolved" \
  --recover 500)
expect_in "$award,terminated,GBP 1,100.00,2,1" "$(tr -d '"' <<<"$out")"
expect_in "$award,$pay,GBP 500.00,raised" "$(tr -d '"' <<<"$("$CTL" -o csv recovery list)")"
# The officer who raised it cannot write it off (four eyes, #18).
rec=$("$CTL" -o json recovery list --state raised | json_field '["recoveries"][0]["id"]')
rc=0
err=$("$CTL" --subject officer-bob recovery write-off "$rec" --reason "Not worth chasing" 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "a write-off by the raiser should exit 1, got $rc"
expect_in "FOUR_EYES_REQUIRED" "$err"
# Each funder's money, and the fund's: the paid 500 is owed back, not yet
# recovered (#18 item 5).
out=$("$CTL" -o csv fund funders "$fund")
expect_in "Trust for London" "$out"
expect_in "(the fund),GBP 180,000.00" "$(tr -d '"' <<<"$out")"
expect_in "ok:" "$("$CTL" --as auditor audit verify)"
expect_in "extends the checkpoint at seq" "$("$CTL" --as auditor audit verify \
  --checkpoint "$work/checkpoint.txt" --public-key "$work/checkpoint.pub")"
# Erasure (#15): the terminated award's recovery is still owed, a legal hold;
# a group that registered and never applied is erased, and says so the second
# time.
rc=0
err=$("$CTL" --as administrator --subject admin-ada person erase --organisation ORG-ROMA 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "erasing under a legal hold should be refused, got $rc: $err"
expect_in "LEGAL_HOLD" "$err"
expect_in "recovery" "$err"
env GRANTS_AS=grantee GRANTS_ORG=ORG-GONE "$CTL" organisation register --name "Tenants' group" \
  --legal-form unregistered_group --borough E09000030 --contact-name "Zofia Nowak" \
  --contact-email zofia@example.org --language pl >/dev/null
expect_in "ORG-GONE,.*,false" "$("$CTL" --as administrator --subject admin-ada -o csv person erase \
  --organisation ORG-GONE | tr -d '"')"
expect_in "ORG-GONE,.*,true" "$("$CTL" --as administrator --subject admin-ada -o csv person erase \
  --organisation ORG-GONE | tr -d '"')"
[[ "$(psql -qtA -d "$db" -c "SELECT count(*) FROM organisations WHERE contacts::text LIKE '%Zofia%'")" == 0 ]] ||
  fail "the erased contact is still held"
# A subject-access request: everything held about ORG-ROMA and its people.
out=$("$CTL" --as administrator --subject admin-ada person export --organisation ORG-ROMA \
  --out "$work/org-roma.json")
expect_in "written to $work/org-roma.json" "$out"
expect_in "payments: [1-9]" "$out"
expect_in "Ana Popescu" "$(cat "$work/org-roma.json")"
expect_in "== payments (" "$(cat "$work/org-roma.json.txt")"
expect_in "Ana Popescu" "$(cat "$work/org-roma.json.txt")"
# One person's data, by address; an address nothing holds is refused.
expect_in "listed_by: 1" "$("$CTL" --as administrator --subject admin-ada person export \
  --email ana@example.org --out "$work/ana.json")"
rc=0
err=$("$CTL" --as administrator --subject admin-ada person erase --email nobody@example.org 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "erasing an unknown person should be refused, got $rc: $err"
expect_in "PERSON_NOT_FOUND" "$err"
# The retention schedule (#15): listed; a period under the legal minimum is
# refused; one is changed; a sweep says what it did.
admin=("$CTL" --as administrator --subject admin-ada -o csv)
expect_in "payee_accounts,2190,2190," "$("${admin[@]}" retention list | tr -d '"')"
rc=0
err=$("${admin[@]}" retention set payee_accounts --keep-days 365 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "a period under the legal minimum should be refused, got $rc: $err"
expect_in "RETENTION_BELOW_MINIMUM" "$err"
expect_in "sign_in_links,14," "$("${admin[@]}" retention set sign_in_links --keep-days 14 | tr -d '"')"
expect_in "declined_applications,erase,0" "$("${admin[@]}" retention sweep | tr -d '"')"
# grantsd's role cannot rewrite the trail; the owner cannot either, triggers on.
for who in "$serve_db" "dbname=$db"; do
  if psql -q -d "$who" -c "DELETE FROM audit_events WHERE seq = 1" 2>/dev/null; then
    fail "deleting an audit event was allowed ($who)"
  fi
done

# Graceful shutdown: SIGTERM, exit 0, and the audit chain is complete.
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
pid=""
[[ $rc == 0 ]] || fail "grantsd exited with $rc on SIGTERM"
expect_in '"event":"stopped"' "$(cat "$work/grantsd.log")"
[[ "$(psql -qtA -d "$db" -c 'SELECT count(*) FROM audit_events WHERE seq IS NULL')" == 0 ]] ||
  fail "unsealed audit events after shutdown"
echo "e2e: cli walkthrough passed"
