#!/usr/bin/env bash
# Loads a demo data set with the shape of the EU Settlement Scheme outreach
# grants into the grantsd that `bash ops/run.sh` started: five pooled
# funders, GBP 180,000 over 4 rounds, 34 grants to grassroots groups, each
# scored by a reviewer. Rounds are on the microgrant fast path (#18 item 2):
# grants at or under GBP 4,500 are approved and offered by one officer while
# the round is open, and accepting schedules their single payment, which one
# other officer authorises. Larger grants keep the full path: recommended
# and decided by two officers after the close, offered, accepted,
# scheduled in two instalments, the first requested and authorised by two
# officers. Payments are authorised; paying them is the finance system's
# step. Every grant is reported on (about 5,000 people supported directly)
# and each round closed out. Then prints the human steps from submission to
# payment on each path, the reach summary and the funders' money, and
# writes the charts and the 360Giving export to docs/demo/.
# The organisations and figures are made up; the shape is the programme's.
# Usage: bash ops/demo.sh   (with ops/run.sh running; takes a minute or two)
#   GRANTS_CTL_ENV: another grantsctl environment file (ops/restore-drill.sh)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${GRANTS_BUILD_DIR:-$ROOT/build}"
OUT="${GRANTS_DEMO_OUT:-$ROOT/docs/demo}"
# shellcheck source=/dev/null
source "${GRANTS_CTL_ENV:-$ROOT/.run/grantsctl.env}"
C="$BUILD/clients/grantsctl/grantsctl"
mkdir -p "$OUT"
id() { /usr/bin/python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])'; }
local_time() { TZ=Europe/London date -d "$1" +%Y-%m-%dT%H:%M; }

funders=("GB-CHC-205629|Trust for London|60000" "GB-CHC-1102927|Paul Hamlyn Foundation|40000"
         "GB-CHC-1136490|Unbound Philanthropy|30000" "GB-CHC-1035628|City Bridge Trust|30000"
         "GB-CHC-200051|Pears Foundation|20000")
FUND=$("$C" -o json fund create --name "London Community Migration Fund (demo)" | id)
for f in "${funders[@]}"; do
  IFS='|' read -r org name amount <<<"$f"
  F=$("$C" -o json funder create --org-id "$org" --name "$name" | id)
  "$C" fund contribute --fund "$FUND" --funder "$F" --amount "$amount" >/dev/null
done
communities=(roma disabled_people domestic_abuse_survivors low_income_families
             third_country_origin older_people young_people)
P=$("$C" -o json programme create --code "EUSS$RANDOM" --name "EU Settlement Scheme outreach grants" \
      --fund "$FUND" $(printf -- '--community %s ' "${communities[@]}") | id)
# Limits go to officers grantsd knows: officer-bob signs in once first.
"$C" --subject officer-bob round list >/dev/null
"$C" --as administrator --subject admin-ada limit set --officer officer-bob --limit 10000 >/dev/null
languages=(ro pl bg pt rom lt es it)
THRESHOLD=4500
# Human actions (an officer's, a reviewer's or a grantee's call) from
# submission to an authorised payment, counted per path as they happen.
declare -A steps=([fast]=0 [full]=0) grants_on=([fast]=0 [full]=0)
count() { steps[$1]=$((steps[$1] + 1)); }
human() { count "$1"; shift; "$@"; }
first_payment() {
  "$C" -o json payment list --award "$1" | /usr/bin/python3 -c \
    'import json,sys;print(json.load(sys.stdin)["payments"][0]["id"])'
}
V=(env GRANTS_AS=reviewer GRANTS_SUBJECT=rev-1 "$C")
grants=(9 9 8 8)   # 34 grants over 4 rounds
n=0
for r in 0 1 2 3; do
  R=$("$C" -o json round create --programme "$P" --name "EUSS outreach, round $((r + 1))" \
        --opens "$(local_time '-1 hour')" --closes "$(local_time '+1 day')" \
        --budget 45000 --min-grant 1000 --max-grant 8000 | id)
  "$C" round open "$R" >/dev/null
  "$C" assessment rubric set --round "$R" --criterion "need|Evidence of need|3|0|5|optional" \
    --criterion "reach|Reach into the communities|2|1|10|optional" >/dev/null
  "$C" --as administrator --subject admin-ada award settings "$R" --microgrant-threshold "$THRESHOLD" \
    --fast-path on --fast-path-mark 60 --standard-condition "Safeguarding policy provided" >/dev/null
  apps=()
  for _ in $(seq "${grants[$r]}"); do
    n=$((n + 1))
    org="DEMO-EUSS-$n"; c=${communities[$((n % 7))]}; lang=${languages[$((n % 8))]}
    borough=$(printf 'E090000%02d' $((1 + (n * 7) % 33)))
    amount=$((3000 + (n * 937) % 3000)); half=$((amount / 2))
    G=(env GRANTS_AS=grantee GRANTS_ORG="$org" GRANTS_SUBJECT="demo-$n" "$C")
    "${G[@]}" organisation register --name "Community group $n" --legal-form unregistered_group \
      --income $((8000 + n * 500)) --borough "$borough" --contact-name "Coordinator $n" \
      --contact-email "group$n@example.org" --account-name "Community group $n" \
      --sort-code 12-34-56 --account-number "$(printf '%08d' $((10000000 + n)))" --language "$lang" >/dev/null
    A=$("${G[@]}" -o json application create --round "$R" --amount "$amount" \
          --summary "EUSS information sessions and application help in $lang" --community "$c" \
          --borough "$borough" --language "$lang" --supported-directly $((60 + n * 7 % 200)) \
          --reached-with-information 8000 --budget-line "Sessional workers=$half" \
          --budget-line "Venue and outreach=$((amount - half))" | id)
    path=full; ((amount <= THRESHOLD)) && path=fast
    grants_on[$path]=$((grants_on[$path] + 1))
    human "$path" "${G[@]}" application submit "$A" >/dev/null
    human "$path" "$C" assessment assign --application "$A" --reviewer rev-1 >/dev/null
    human "$path" "${V[@]}" assessment score --application "$A" --score need=$((3 + n % 3)) \
      --score reach=$((6 + n % 5)) >/dev/null
    if [[ $path == fast ]]; then
      # Rolling: one officer approves and offers at once, the round still open.
      count fast
      AW=$("$C" -o json --subject officer-ann award fast-path "$A" --amount "$amount" | id)
      human fast "${G[@]}" award accept "$AW" >/dev/null
      human fast "$C" --subject officer-bob payment authorise "$(first_payment "$AW")" >/dev/null
    fi
    apps+=("$A|$org|$amount|$c|$lang|$borough|$path|${AW:-}")
    AW=""
  done
  "$C" round close "$R" >/dev/null
  for entry in "${apps[@]}"; do
    IFS='|' read -r A org amount c lang borough path AW <<<"$entry"
    G=(env GRANTS_AS=grantee GRANTS_ORG="$org" "$C")
    first=$amount
    if [[ $path == full ]]; then
      human full "$C" --subject officer-ann award recommend "$A" --outcome approve --amount "$amount" >/dev/null
      human full "$C" --subject officer-bob award decide "$A" --outcome approve >/dev/null
      count full
      AW=$("$C" -o json award offer "$A" --amount "$amount" --start-date 2026-01-05 \
             --end-date 2026-12-18 --condition "Safeguarding policy provided" | id)
      human full "${G[@]}" award accept "$AW" >/dev/null
      first=$((amount * 60 / 100))
      human full "$C" payment schedule "$AW" --instalment "$first" \
        --instalment "$((amount - first))@final-report" >/dev/null
      PAY=$(first_payment "$AW")
      human full "$C" --subject officer-ann payment request "$PAY" >/dev/null
      human full "$C" --subject officer-bob payment authorise "$PAY" >/dev/null
    fi
    "$C" report requirements set "$AW" --require final@2026-12-31 >/dev/null
    Q=$("${G[@]}" -o json report requirements list --award "$AW" | /usr/bin/python3 -c \
          'import json,sys;print(json.load(sys.stdin)["requirements"][0]["id"])')
    s=$((80 + (RANDOM % 140))); reached=$((4000 + RANDOM % 9000)); in_c=$((s * 3 / 4))
    REP=$("${G[@]}" -o json report submit --requirement "$Q" --period-start 2026-01-05 \
            --period-end "2026-0$((3 * r + 3 > 9 ? 9 : 3 * r + 3))-28" --sessions $((4 + s / 20)) \
            --supported "$s" --reached "$reached" --assisted $((s / 2)) \
            --breakdown "community:$c=$in_c/$((reached * 3 / 4))" \
            --breakdown "borough:$borough=$s/$reached" --breakdown "language:$lang=$((s / 2))/$((reached / 2))" \
            --breakdown "age_band:25_to_64=$((s * 2 / 3))/$((reached * 2 / 3))" \
            --breakdown "age_band:65_and_over=$((s / 10))/$((reached / 10))" \
            --spend "$first" --story "Group $n ran drop-in sessions in $lang." | id)
    "$C" report review "$REP" --accept >/dev/null
  done
  # Every application settled: what the round did not commit goes back.
  "$C" round close-out "$R" >/dev/null
  echo "demo: round $((r + 1)) done ($n grants so far)"
done
echo
echo "Human steps from submission to an authorised payment (officer, reviewer and grantee calls):"
for path in fast full; do
  label=$([[ $path == fast ]] && echo "microgrant, fast path (<= GBP $THRESHOLD)" || echo "larger grant, full path")
  echo "  $label: $((steps[$path] / grants_on[$path])) per grant (${grants_on[$path]} grants, ${steps[$path]} steps)"
done
echo
"$C" reach summary --scope programme --id "$P" --by community
"$C" reach summary --scope programme --id "$P" --by age_band
"$C" --as auditor reach verify
"$C" reach map --scope programme --id "$P" --out "$OUT/reach-by-borough.svg" >/dev/null
"$C" reach communities --scope programme --id "$P" --out "$OUT/reach-by-community.svg" \
  $(printf -- '--target %s=700 ' "${communities[@]}") >/dev/null
"$C" export 360giving --programme "$P" --out "$OUT/euss-360giving.json" >/dev/null
echo
echo "What each funder's money did:"
"$C" fund funders "$FUND"
echo "demo: charts and the 360Giving export are in $OUT"
