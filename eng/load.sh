#!/usr/bin/env bash
# CafGrants' pages under concurrent clients, each beside its floors in the same run, printed as Markdown for
# docs/PERFORMANCE.md (issue 16):
#   eng/load.sh [--provider sqlite|postgres] [--data large|demo] [--seconds 30] [--clients 50] [--pages all|NAME,NAME]
# The app, published in Release for this machine's runtime as it is deployed (ReadyToRun), runs on 127.0.0.1 with a
# database made once per provider and data set (`seed --scale large` or `seed --demo`; kept under /tmp/caf-load for the
# next run). Each page is loaded by `hey` (Debian's package) for the given time with keep-alive and compression, never
# following a redirect (a redirect is an error: the sign-in expired).
# Floors: a static file, /health, and the applications list's rows read with one raw SQL query (BenchmarkFloor, only in
# Development with Benchmark:Floor=true). PostgreSQL: a server reachable with CAF_BENCH_POSTGRES (default: the one
# eng/test.sh starts on port 55432). Run it on a quiet machine: nothing else building or testing.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
root=$PWD

provider=sqlite data=large seconds=30 clients=50 pages=all
while [ $# -gt 0 ]; do
  case $1 in
    --provider) provider=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --pages) pages=$2; shift 2 ;;
    *) echo "usage: eng/load.sh [--provider sqlite|postgres] [--data large|demo] [--seconds 30] [--clients 50] [--pages all|NAME,...]" >&2; exit 2 ;;
  esac
done
case $provider/$data in sqlite/large|sqlite/demo|postgres/large|postgres/demo) ;; *) echo "unknown --provider or --data" >&2; exit 2 ;; esac

if ! command -v hey >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq --no-install-recommends hey >/dev/null
  else echo "hey is missing: apt-get install hey" >&2; exit 2; fi
fi

work=/tmp/caf-load; mkdir -p "$work"
# The app as it is deployed: published for this machine's runtime, compiled ahead of time (ADR 0044).
case $(uname -m) in aarch64|arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
app=$work/app
rm -rf "$app"
dotnet publish src/Caf.Web -c Release -r $rid --self-contained false -o "$app" -v q -nologo >/dev/null
if [ $provider = postgres ]; then
  export Database__Provider=Postgres
  export ConnectionStrings__Caf="${CAF_BENCH_POSTGRES:-Host=127.0.0.1;Port=55432;Username=postgres};Database=caf_load_$data"
else
  export Database__Provider=Sqlite
  export ConnectionStrings__Caf="Data Source=$work/$data.db"
fi
export ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning

# The data, made once (the scale set takes a minute or two).
if [ ! -f "$work/$provider-$data.done" ]; then
  if [ $data = large ]; then seed=(seed --scale large); else seed=(seed --demo); fi
  (cd "$app" && dotnet Caf.Web.dll "${seed[@]}" | tail -1) >&2
  touch "$work/$provider-$data.done"
fi

port=5099 base=http://127.0.0.1:5099
started=$(date +%s%N)
(cd "$app" && ASPNETCORE_URLS=$base Benchmark__Floor=true exec dotnet Caf.Web.dll) > "$work/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until [ "$(curl -s -o /dev/null -w '%{http_code}' $base/Account/Login || true)" = 200 ]; do
  kill -0 $pid 2>/dev/null || { echo "the app stopped: see $work/app.log" >&2; exit 1; }
  sleep 0.05
done
cold_ms=$(( ($(date +%s%N) - started) / 1000000 ))

# Signs in and prints the cookie header.
cookie() {
  local jar=$work/jar-$1 token
  rm -f "$jar"
  token=$(curl -s -c "$jar" -b "$jar" $base/Account/Login | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" -X POST $base/Account/Login --data-urlencode "Email=$1" \
    --data-urlencode "Password=Demo-Password-2026" --data-urlencode "__RequestVerificationToken=$token"
  python3 - "$jar" <<'PY'
import sys
pairs = []
for line in open(sys.argv[1]):
    line = line.strip()
    if line.startswith("#HttpOnly_"): line = line[len("#HttpOnly_"):]
    elif not line or line.startswith("#"): continue
    fields = line.split("\t")
    if len(fields) >= 7: pairs.append(f"{fields[5]}={fields[6]}")
print("; ".join(pairs))
PY
}
isu=$(cookie isu@caf.demo)
css=$(curl -s $base/Account/Login | grep -o 'href="/css/site.css[^"]*"' | head -1 | sed 's/href="//;s/"$//')
application=$(curl -s -H "Cookie: $isu" "$base/" | grep -o 'href="/Applications/Details/[0-9a-f-]*"' | head -1 | sed 's/href="//;s/"$//')
# The ranking of a round with applications before the committee: the scale set's first round (ScaleSql.IdOf(21, 1)), or
# the page's own choice with the demo data.
round=""; [ $data = large ] && round=00000021-0000-4000-8000-000000000001

# name|who|url — floors first, then the pages the issue names. Each page is loaded with a sign-in made just before it:
# hey sends the same cookie throughout and never keeps the renewed one a browser would, so with a cookie older than the
# security stamp's validation interval (a minute) every request would check the stamp again (five more queries and a new
# cookie each), which a browser does once a minute.
targets=(
  "static file (floor)||$css"
  "/health (floor)||/health"
  "raw SQL list (floor)|isu@caf.demo|/bench/floor/applications"
  "applications list|isu@caf.demo|/"
  "applications list, filtered, page 2|isu@caf.demo|/?Stage=CommitteeReview&p=2"
  "application page|isu@caf.demo|$application"
  "My tasks|isu@caf.demo|/Tasks"
  "committee ranking|isu@caf.demo|/Committee/Ranking${round:+?round=$round}"
  "fund ledger page|finance@caf.demo|/Finance/Ledger"
  "ISU dashboard|isu@caf.demo|/Dashboard"
  "audit page|auditor@caf.demo|/Audit"
)

echo "CafGrants under load — $provider, $data data, $clients clients for $seconds s each, Release, published ReadyToRun; $(nproc) CPUs, $(date -u '+%Y-%m-%d %H:%M UTC')."
echo "Cold start to the first 200 (/Account/Login): $cold_ms ms."
echo
echo "| Page | requests/s | p50 ms | p99 ms | errors | KB | throughput vs raw SQL floor |"
echo "|---|---:|---:|---:|---:|---:|---:|"
floor=""
for target in "${targets[@]}"; do
  IFS='|' read -r name with url <<<"$target"
  if [ "$pages" != all ] && [[ ",$pages," != *",$name,"* ]] && [[ "$name" != *floor* ]]; then continue; fi
  headers=(); [ -n "$with" ] && headers=(-H "Cookie: $(cookie "$with")")
  status=$(curl -s -o "$work/page" -w '%{http_code}' "${headers[@]}" "$base$url")
  if [ "$status" != 200 ]; then echo "| $name | — | — | — | answered $status | — | — |"; continue; fi
  bytes=$(stat -c %s "$work/page")
  hey -z "${seconds}s" -c "$clients" -disable-redirects "${headers[@]}" "$base$url" > "$work/hey.txt"
  line=$(python3 - "$work/hey.txt" "$name" "$bytes" "$floor" 2>"$work/rps" <<'PY'
import re, sys
text, name, size, floor = open(sys.argv[1]).read(), sys.argv[2], int(sys.argv[3]), sys.argv[4]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
pct = {int(p): float(s) * 1000 for p, s in re.findall(r"(\d+)%+ in ([\d.]+) secs", text)}
codes = {int(c): int(n) for c, n in re.findall(r"\[(\d+)\]\s+(\d+) responses", text)}
errors = sum(n for c, n in codes.items() if c != 200) + sum(int(n) for n in re.findall(r"\[(\d+)\]\s+Get", text))
ratio = f"{rps / float(floor):.0%}" if floor and "floor" not in name else ""
print(f"| {name} | {rps:,.0f} | {pct.get(50, 0):.1f} | {pct.get(99, 0):.1f} | {errors} | {size / 1024:,.0f} | {ratio} |")
print(rps, file=sys.stderr)
PY
)
  echo "$line"
  [ "$name" = "raw SQL list (floor)" ] && floor=$(cat "$work/rps")
done
echo
echo "Resident memory of the app after the run: $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 )) MB."
