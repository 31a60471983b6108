#!/usr/bin/env bash
# Measures the peak memory (RSS) of reading a ~100 MB X archive tweets.js.
#
#   scripts/x-archive-rss.sh SAMPLE_TWEETS_JS [MB]
#
# SAMPLE_TWEETS_JS is a real archive's data/tweets.js; its tweets are
# repeated with new ids (and the prefix, layout and string numbers of the
# original) until the file has about MB megabytes (default 100). Then, each
# under /usr/bin/time -v, from binaries built first (so that the compiler's
# memory is not measured):
#
#   - the reader alone (ingest's TestXReaderRSS, which keeps nothing);
#   - `cmpulse ingest` of the file into an empty warehouse.
#
# The bound to hold: both far under 300 MB.
set -euo pipefail
cd "$(dirname "$0")/.."

sample=${1:?usage: scripts/x-archive-rss.sh SAMPLE_TWEETS_JS [MB]}
mb=${2:-100}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
big="$work/data/tweets.js"
mkdir -p "$work/data"

python3 - "$sample" "$big" "$mb" <<'EOF'
import json, sys
src, dst, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(src, encoding="utf-8").read()
prefix, body = text.split("=", 1)
tweets = json.loads(body)
limit = mb * 1000 * 1000
next_id = 1900000000000000000  # snowflake ids of 2025, none of the sample's
with open(dst, "w", encoding="utf-8") as out:
    out.write(prefix.strip() + " = [\n")
    written, first = 0, True
    while written < limit:
        for el in tweets:
            t = el["tweet"]
            next_id += 1
            t["id"] = t["id_str"] = str(next_id)
            s = json.dumps(el, indent=2, ensure_ascii=False, separators=(",", " : "))
            if not first:
                out.write(",\n")
            first = False
            out.write(s)
            written += len(s.encode("utf-8")) + 2
            if written >= limit:
                break
    out.write("\n]")
print(f"tweets.js: {written / 1e6:.0f} MB, {next_id - 1900000000000000000} tweets")
EOF

go build -o "$work/cmpulse" ./cmd/cmpulse
go test -c -o "$work/ingest.test" ./ingest

peak() { grep -E 'Maximum resident|Elapsed' "$1" | sed 's/^\s*//'; }

X_RSS_FILE="$big" /usr/bin/time -v "$work/ingest.test" -test.run '^TestXReaderRSS$' -test.v >"$work/reader.out" 2>"$work/reader.time" || {
  cat "$work/reader.out" "$work/reader.time"
  exit 1
}
grep -E 'posts' "$work/reader.out" || true
echo "reader alone:"
peak "$work/reader.time"

if /usr/bin/time -v "$work/cmpulse" ingest --warehouse "$work/wh" "$big" >"$work/ingest.out" 2>"$work/ingest.time"; then
  tail -n 3 "$work/ingest.out"
  echo "cmpulse ingest:"
  peak "$work/ingest.time"
else
  echo "cmpulse ingest failed (is the snapshot ingest on this branch?):"
  grep -v -E '^\s' "$work/ingest.time" | tail -n 5
  grep -v -E '^\s' "$work/ingest.out" | tail -n 5
fi
