#!/usr/bin/env bash
# Times cmpulse beside GoAccess on the same access log, with hyperfine.
#
#   scripts/bench-goaccess.sh [LOG]
#
# Without LOG it builds one from the demo's sample data: the sample blog at
# 30 times its traffic over 10 days, about 830,000 lines (Combined format). Installs goaccess
# and hyperfine from Debian's packages when missing (needs root).
#
# What is compared: GoAccess parsing the log and writing its HTML report,
# against cmpulse ingesting it into Parquet (parse, classify, hash visitors,
# write, commit), and cmpulse ingesting it and writing its report (visits,
# time on page, sources, peaks... computed with DuckDB).
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2"; }; }
need goaccess goaccess
need hyperfine hyperfine

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/cmpulse" ./cmd/cmpulse

log=${1:-}
if [ -z "$log" ]; then
  # The demo writes rotated files; join them oldest first into one log.
  "$work/cmpulse" demo -q --out "$work/demo" --scale 30 --days 10 >/dev/null
  log="$work/access.log"
  (cd "$work/demo/sample-data" && ls | sort -V -r | xargs zcat -f) >"$log"
fi
echo "log: $log ($(wc -l <"$log") lines, $(du -h "$log" | cut -f1))"

hyperfine --warmup 1 --runs 5 --export-markdown "$work/result.md" \
  --prepare "rm -rf $work/wh" \
  -n "cmpulse ingest" "$work/cmpulse ingest -q --warehouse $work/wh $log" \
  -n "cmpulse ingest + report" "$work/cmpulse ingest -q --warehouse $work/wh $log && $work/cmpulse report --warehouse $work/wh --out $work/report --timezone UTC" \
  -n "goaccess (html report)" "goaccess $log --log-format=COMBINED --no-progress -o $work/goaccess.html"
cat "$work/result.md"

# Peak memory of each, once.
/usr/bin/time -f "cmpulse ingest: peak RSS %M KB" "$work/cmpulse" ingest -q --warehouse "$work/wh2" "$log" >/dev/null
/usr/bin/time -o "$work/time" -f "goaccess: peak RSS %M KB" goaccess "$log" --log-format=COMBINED --no-progress -o "$work/goaccess2.html" >/dev/null 2>&1 || true
cat "$work/time"
