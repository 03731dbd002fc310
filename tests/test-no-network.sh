#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Linesight never sends anything anywhere. Runs the command-line paths
# under strace (every network system call of every thread and child) and
# fails if any socket other than a local (AF_UNIX) one is created; then
# runs them again in a network namespace with no interfaces (unshare -n)
# and checks they succeed and print the same. TAP output; parts whose tool
# is missing (strace, or unshare without the right to use it) are skipped.
set -u

LS=${LINESIGHT:?LINESIGHT must name the linesight executable}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/linesight-no-network-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Europe/London
# LeakSanitizer cannot stop the world under ptrace: no leak check here
# (the sanitizer suite checks leaks in every other test).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }
skip () { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

cat > "$tmp/calls.csv" <<'CSV'
Start,Caller,Callee,Duration
01/03/2024 10:00:00,07700 900123,07700 900456,65
01/03/2024 10:05:00,07700 900456,07700 900789,12
02/03/2024 22:40:00,07700 900123,07700 900789,0
CSV

# A case the read-only paths share, with a data request, made before any
# tracing; the first person at risk is the one whose referral is printed.
base=$tmp/base.linesight
if ! "$LS" demo "$base" --scale 0.2 --quiet >/dev/null ||
   ! "$LS" request "$base" --new --identifier 07700900123 --provider EE \
       --data subscriber --from 2024-03-01 --to 2024-03-31 \
       --justification "Test request" >/dev/null; then
  echo "Bail out! cannot make the base case"
  exit 1
fi
person=$("$LS" safeguarding "$base" --format csv | sed -n '2s/,.*//p')

# Each path: a name and its arguments, @ standing for the run's directory.
paths=(demo import info analyse safeguarding safeguarding-pdf results-pdf referral-pdf request-pdf)
args_demo=(demo @/demo.linesight --scale 0.2 --quiet)
args_import=(import @/import.linesight --kind calls "$tmp/calls.csv")
args_info=(info "$base")
args_analyse=(analyse "$base" --json)
args_safeguarding=(safeguarding "$base" --format csv)
args_safeguarding_pdf=(safeguarding "$base" --format pdf --output @/safeguarding.pdf)
args_results_pdf=(results "$base" --output @/results.pdf)
args_referral_pdf=(referral "$base" --person "$person" --output @/referral.pdf)
args_request_pdf=(request "$base" --id 1 --output @/request.pdf)
if "$LS" help | grep -q '^  export '; then
  paths+=(export-network)
  args_export_network=(export "$base" --view network --output @/network.png)
fi
if "$LS" help | grep -q '^  brief '; then
  paths+=(brief)
  args_brief=(brief "$base" --output @/brief.pdf)
fi

# run NAME DIR [WRAPPER...]: runs one path in DIR, its output in DIR/out.
run () {
  local name=$1 dir=$2 var
  shift 2
  var="args_${name//-/_}[@]"
  local args=("${!var}")
  mkdir -p "$dir"
  args=("${args[@]//@/$dir}")
  (cd "$dir" && "$@" "$LS" "${args[@]}") >"$dir/out" 2>"$dir/err"
}

# What a run leaves that must not depend on the network: the output
# (without the run's own directory and time taken) and the files it wrote.
summary () {
  local dir=$1
  sed -E -e "s|$dir|@|g" -e 's/ in [0-9.]+ s:/ in N s:/' "$dir/out"
  (cd "$dir" && find . -type f ! -name out ! -name err ! -name strace.log ! -name '*.linesight*' | sort)
}

for name in "${paths[@]}"; do
  run "$name" "$tmp/plain/$name" || { not_ok "$name runs"; cat "$tmp/plain/$name/err" >&2; }
done

if ! command -v strace >/dev/null || ! strace -f -o /dev/null true 2>/dev/null; then
  for name in "${paths[@]}"; do skip "$name opens no network socket" "strace is missing or cannot trace"; done
else
  for name in "${paths[@]}"; do
    dir=$tmp/strace/$name
    if ! run "$name" "$dir" strace -f -qq -e trace=network -o "$dir/strace.log"; then
      not_ok "$name opens no network socket (failed under strace)"
      cat "$dir/err" >&2
      continue
    fi
    # Every socket(), socketpair() and connect() the process tree made.
    foreign=$(grep -E '(socket|socketpair|connect)\(' "$dir/strace.log" | grep -v -E 'AF_UNIX|AF_LOCAL|PF_UNIX|PF_LOCAL' || true)
    local_sockets=$(grep -c -E '(socket|socketpair)\(' "$dir/strace.log" || true)
    if [ -n "$foreign" ]; then
      not_ok "$name opens no network socket"
      echo "$foreign" | sed 's/^/# /'
    else
      ok "$name opens no network socket ($local_sockets local sockets)"
    fi
  done
fi

if ! command -v unshare >/dev/null || ! unshare -n true 2>/dev/null; then
  for name in "${paths[@]}"; do skip "$name works the same with no network" "unshare -n is not available"; done
else
  for name in "${paths[@]}"; do
    dir=$tmp/offline/$name
    if ! run "$name" "$dir" unshare -n; then
      not_ok "$name works the same with no network (failed)"
      cat "$dir/err" >&2
    elif [ "$(summary "$dir")" != "$(summary "$tmp/plain/$name")" ]; then
      not_ok "$name works the same with no network (different output)"
      diff <(summary "$tmp/plain/$name") <(summary "$dir") | head -20 | sed 's/^/# /'
    else
      ok "$name works the same with no network"
    fi
  done
fi

echo "1..$n"
exit $failed
