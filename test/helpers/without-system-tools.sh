#!/usr/bin/env bash
# Runs a command as on a machine without the system tools the tests can use as second opinions:
# xmllint (libxml2-utils), poppler-utils (pdftotext, pdfinfo, pdffonts, …) and Chromium.
# PATH becomes a folder of links to every other program on the current PATH; CHROMIUM_PATH is unset.
# The tests look tools up on PATH (test/helpers/system-tool.ts), so they fall back to xmllint-wasm,
# pdfjs-dist and the Chromium inside @sparticuz/chromium.
#
#   test/helpers/without-system-tools.sh npx vitest run test/integrations/letter-pdf.test.ts
#   test/helpers/without-system-tools.sh --fresh-clone      # a copy of the repository in a temporary
#                                                           # folder: npm ci && npm test
set -euo pipefail
HIDE='^(xmllint|pdftotext|pdfinfo|pdffonts|pdftoppm|pdftocairo|pdfimages|pdfseparate|pdfunite|pdfdetach|pdfattach|pdfsig|pdftohtml|pdftops|chromium|chromium-browser|google-chrome|google-chrome-stable|chrome)$'

bin=$(mktemp -d "${TMPDIR:-/tmp}/pm-path-XXXXXX")
trap 'rm -rf "$bin"' EXIT
IFS=: read -r -a dirs <<<"$PATH"
for d in "${dirs[@]}"; do
  [ -d "$d" ] || continue
  for f in "$d"/*; do
    name=${f##*/}
    [[ $name =~ $HIDE ]] && continue
    [ -e "$bin/$name" ] && continue
    [ -x "$f" ] && [ ! -d "$f" ] && ln -s "$f" "$bin/$name"
  done
done
export PATH="$bin"
unset CHROMIUM_PATH

for t in xmllint pdftotext pdfinfo pdffonts chromium; do
  if command -v "$t" >/dev/null 2>&1; then echo "without-system-tools: $t is still visible" >&2; exit 2; fi
done
echo "without-system-tools: PATH hides xmllint, poppler-utils and chromium; CHROMIUM_PATH unset" >&2

if [ "${1:-}" = "--fresh-clone" ]; then
  shift
  src=$(cd "$(dirname "$0")/../.." && pwd)
  clone=$(mktemp -d "${TMPDIR:-/tmp}/pm-clone-XXXXXX")
  # the committed tree plus uncommitted changes and new files (what a fresh clone of the next commit holds)
  (cd "$src" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done | tar --null -T - -cf -) | (cd "$clone" && tar -xf -)
  echo "without-system-tools: fresh copy in $clone" >&2
  cd "$clone"
  if [ $# -eq 0 ]; then set -- bash -c 'npm ci --no-fund --no-audit && npm test'; fi
fi
"$@"
