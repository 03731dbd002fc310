#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The command-line paths under valgrind on a small case: no memory errors
# and no definite leaks (each path is one TAP point; the log of a failure
# is shown as diagnostics). Skipped when valgrind is not installed or the
# build uses AddressSanitizer (the two cannot run together; that build
# checks the same with its own tools).
set -u

LS=${LINESIGHT:?LINESIGHT must name the linesight executable}
if ! command -v valgrind >/dev/null; then
  echo "1..0 # SKIP valgrind is not installed"
  exit 0
fi
if ldd "$LS" 2>/dev/null | grep -q -E 'libasan|libtsan|libmsan'; then
  echo "1..0 # SKIP linesight is built with a sanitizer"
  exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/linesight-valgrind-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Europe/London

n=0
failed=0

cat > "$tmp/calls.csv" <<'CSV'
Start,Caller,Callee,Duration
01/03/2024 10:00:00,07700 900123,07700 900456,65
01/03/2024 10:05:00,07700 900456,07700 900789,12
02/03/2024 22:40:00,07700 900123,07700 900789,0
CSV

# vg NAME ARGS...: one path under valgrind.
vg () {
  local name=$1 log
  shift
  n=$((n + 1))
  log=$tmp/$name.log
  if valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
       --show-leak-kinds=definite --num-callers=40 --log-file="$log" \
       --suppressions="$(dirname "$0")/valgrind.supp" \
       "$LS" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"; then
    echo "ok $n - $name: $(grep -o 'ERROR SUMMARY: [0-9]* errors' "$log" | head -n 1)"
  else
    failed=1
    echo "not ok $n - $name"
    sed 's/^/# /' "$tmp/$name.err" | tail -n 5
    grep -v '^==[0-9]*== *$' "$log" | sed 's/^/# /' | tail -n 80
  fi
}

# The demo case, small, made by the first path and read by the rest.
case_file=$tmp/demo.linesight
vg demo demo "$case_file" --scale 0.05 --quiet
if [ ! -f "$case_file" ]; then
  echo "Bail out! no demo case"
  exit 1
fi
person=$("$LS" safeguarding "$case_file" --format csv | sed -n '2s/,.*//p')

vg import import "$tmp/import.linesight" --kind calls "$tmp/calls.csv"
vg info info "$case_file"
vg analyse analyse "$case_file" --json --recompute
vg safeguarding safeguarding "$case_file" --format csv
vg safeguarding-pdf safeguarding "$case_file" --format pdf --output "$tmp/safeguarding.pdf"
vg referral referral "$case_file" --person "$person" --set-status needs-referral --notes "Valgrind"
vg referral-pdf referral "$case_file" --person "$person" --output "$tmp/referral.pdf"
vg request request "$case_file" --new --identifier 07700900123 --provider EE --data subscriber \
  --from 2024-03-01 --to 2024-03-31 --justification "Valgrind"
vg request-pdf request "$case_file" --id 1 --output "$tmp/request.pdf"
vg results-pdf results "$case_file" --output "$tmp/results.pdf"
vg audit audit "$case_file"
if "$LS" help | grep -q '^  brief '; then
  vg brief brief "$case_file" --output "$tmp/brief.pdf"
fi
if "$LS" help | grep -q '^  export '; then
  vg export-network export "$case_file" --view network --output "$tmp/network.png"
  vg export-svg-partner export "$case_file" --view network --output "$tmp/network.svg" --redact partner
fi

echo "1..$n"
exit $failed
