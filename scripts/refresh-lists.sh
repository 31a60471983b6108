#!/usr/bin/env bash
# Refreshes the crawler list that classify/ embeds, from the npm registry.
#
#   scripts/refresh-lists.sh [VERSION]
#
# The list is crawler-user-agents (github.com/monperrus/crawler-user-agents,
# MIT licence), published on npm as the package of the same name: a JSON
# file of user-agent patterns with tags (ai-crawler, monitoring,
# search-engine, seo, feed-reader, social-preview, http-library, ...) from
# which classify reads whether an agent is a bot and of which category.
# Without VERSION the latest release is taken. The file is copied as
# published, with its licence beside it, and classify/data/README.md records
# the version.
#
# After a refresh: run `go test ./classify/` (TestCrawlerList checks that
# every pattern compiles and finds its own sample agents, and that no
# browser of the table tests matches), then `cmpulse reclassify` on existing
# warehouses so that old hits get the new list's verdicts.
set -euo pipefail
cd "$(dirname "$0")/.."

pkg="crawler-user-agents${1:+@$1}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "$pkg" >/dev/null)
tar -xzf "$tmp"/crawler-user-agents-*.tgz -C "$tmp"
version=$(node -p 'require(process.argv[1]).version' "$tmp/package/package.json")

cp "$tmp/package/crawler-user-agents.json" classify/data/crawler-user-agents.json
cp "$tmp/package/LICENSE" classify/data/LICENSE-crawler-user-agents.txt
sed -i "s/^version: .*/version: $version/" classify/data/README.md
echo "classify/data: crawler-user-agents $version ($(jq length classify/data/crawler-user-agents.json) patterns)"
