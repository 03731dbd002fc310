#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A case file survives the process being killed at any moment. Kills
# `linesight import` with SIGKILL at 20 moments spread over a large import,
# `linesight referral --set-status` at 20 moments of an edit, and
# `linesight export --view network` (which caches a layout) at 20; after each
# kill the case passes PRAGMA integrity_check and holds exactly what it held
# before the command, or (when the command had committed) all of what it
# wrote: never part. TAP output.
set -u

LS=${LINESIGHT:?LINESIGHT must name the linesight executable}
ROWS=${LINESIGHT_CRASH_ROWS:-100000}
KILLS=20
tmp=$(mktemp -d "${TMPDIR:-/tmp}/linesight-crash-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Europe/London
# A killed process leaks by definition.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

if ! command -v sqlite3 >/dev/null; then
  echo "1..0 # SKIP the sqlite3 command-line shell is not installed"
  exit 0
fi

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }
check () { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }

now_ms () { date +%s%3N; }
sleep_ms () { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }

# copy_case FROM TO: a case file with whatever journal it has.
copy_case () {
  local suffix
  rm -f "$2" "$2-wal" "$2-shm" "$2-journal"
  for suffix in "" -wal -shm -journal; do
    if [ -e "$1$suffix" ]; then cp "$1$suffix" "$2$suffix"; fi
  done
}

integrity () { sqlite3 "$1" "PRAGMA integrity_check;" 2>&1; }

# What the import writes: calls, phones and the import records, in full.
import_digest () {
  sqlite3 "$1" "SELECT * FROM calls ORDER BY id; SELECT * FROM phones ORDER BY id;
                SELECT id, kind, file_name, sha256, user, mapping, rows_imported, rows_duplicate,
                       rows_skipped, warnings FROM imports ORDER BY id;" | md5sum | cut -d' ' -f1
}

# kill_at MS CMD...: starts CMD, kills it with SIGKILL after MS
# milliseconds; prints "killed" if it was still running, else its status.
kill_at () {
  local delay=$1 pid status
  shift
  "$@" >/dev/null 2>&1 &
  pid=$!
  sleep_ms "$delay"
  if kill -KILL "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null
    status=$?
    if [ "$status" -eq 137 ]; then echo killed; else echo "$status"; fi
  else
    wait "$pid" 2>/dev/null
    echo $?
  fi
}

# --- Import -----------------------------------------------------------------

# calls ROWS START SEED: calls among 20,000 phones, one a minute from START.
calls () {
  awk -v rows="$1" -v t="$2" -v seed="$3" 'BEGIN {
    srand(seed); print "Start,Caller,Callee,Duration";
    for (i = 0; i < rows; i++) {
      t += 60;
      a = int(rand() * 20000); b = int(rand() * 20000);
      printf "%s,07700 9%05d,07701 9%05d,%d\n", strftime("%Y-%m-%dT%H:%M:%SZ", t, 1), a, b, int(rand() * 300);
    }
  }'
}
calls "$ROWS" 1709251200 11 > "$tmp/big.csv"
calls 1000 1706745600 7 > "$tmp/before.csv"

base=$tmp/base.linesight
if ! "$LS" import "$base" --kind calls "$tmp/before.csv" >/dev/null; then
  echo "Bail out! cannot make the case to import into"
  exit 1
fi
before=$(import_digest "$base")

# Whole imports, timed (the quicker of two, as the machine may be busy),
# give the moments to kill and the digest of a committed import.
duration=
for run in 1 2; do
  copy_case "$base" "$tmp/full.linesight"
  start=$(now_ms)
  if ! "$LS" import "$tmp/full.linesight" --kind calls "$tmp/big.csv" >/dev/null; then
    echo "Bail out! the large import fails"
    exit 1
  fi
  took=$(( $(now_ms) - start ))
  if [ -z "$duration" ] || [ "$took" -lt "$duration" ]; then duration=$took; fi
done
after=$(import_digest "$tmp/full.linesight")
echo "# one import of $ROWS rows takes $duration ms"
check "the large import changes the case" '[ "$before" != "$after" ]'

killed=0
for k in $(seq 0 $((KILLS - 1))); do
  case_file=$tmp/kill-$k.linesight
  delay=$(( 10 + duration * k / KILLS ))
  copy_case "$base" "$case_file"
  result=$(kill_at "$delay" "$LS" import "$case_file" --kind calls "$tmp/big.csv")
  [ "$result" = killed ] && killed=$((killed + 1))
  check_result=$(integrity "$case_file")
  digest=$(import_digest "$case_file")
  if [ "$check_result" != ok ]; then
    not_ok "import killed at $delay ms ($result): integrity_check says $check_result"
  elif [ "$digest" = "$before" ]; then
    ok "import killed at $delay ms ($result): the case is as before the import"
  elif [ "$digest" = "$after" ]; then
    ok "import killed at $delay ms ($result): the import is complete"
  else
    not_ok "import killed at $delay ms ($result): the case holds part of the import ($(sqlite3 "$case_file" 'SELECT count(*) FROM calls') calls)"
  fi
  # Linesight itself opens it afterwards.
  if ! "$LS" info "$case_file" >/dev/null 2>&1; then
    not_ok "after the kill at $delay ms linesight opens the case"
  fi
  rm -f "$case_file"*
done
echo "# $killed of $KILLS imports were killed while running"
check "kills came while the import ran" '[ "$killed" -ge $((KILLS / 4)) ]'

# --- Import into a case it creates ---------------------------------------------
# The case is made under another name and renamed when whole; the import
# then runs with a rollback journal. Killed at any moment, there is no case,
# or the empty case, or the whole import: never a case that cannot be opened.

"$LS" import "$tmp/fresh-full.linesight" --kind calls "$tmp/big.csv" >/dev/null ||
  { echo "Bail out! the import into a new case fails"; exit 1; }
fresh_after=$(import_digest "$tmp/fresh-full.linesight")
killed=0
for k in $(seq 0 $((KILLS - 1))); do
  case_file=$tmp/fresh-$k.linesight
  delay=$(( 5 + duration * k / KILLS ))
  result=$(kill_at "$delay" "$LS" import "$case_file" --kind calls "$tmp/big.csv")
  [ "$result" = killed ] && killed=$((killed + 1))
  if [ ! -e "$case_file" ]; then
    ok "import into a new case killed at $delay ms ($result): no case was made"
  elif ! "$LS" info "$case_file" >/dev/null 2>&1; then
    not_ok "import into a new case killed at $delay ms ($result): linesight cannot open what is left"
  else
    check_result=$(integrity "$case_file")
    calls_now=$(sqlite3 "$case_file" "SELECT count(*) FROM calls")
    if [ "$check_result" != ok ]; then
      not_ok "import into a new case killed at $delay ms ($result): integrity_check says $check_result"
    elif [ "$calls_now" = 0 ]; then
      ok "import into a new case killed at $delay ms ($result): the case is the new, empty case"
    elif [ "$(import_digest "$case_file")" = "$fresh_after" ]; then
      ok "import into a new case killed at $delay ms ($result): the import is complete"
    else
      not_ok "import into a new case killed at $delay ms ($result): the case holds part of the import ($calls_now calls)"
    fi
  fi
  rm -f "$case_file"*
done
echo "# $killed of $KILLS imports into a new case were killed while running"
check "kills came while the import into a new case ran" '[ "$killed" -ge $((KILLS / 4)) ]'

# --- Referral edits ----------------------------------------------------------

"$LS" demo "$tmp/demo.linesight" --scale 0.2 --quiet >/dev/null || { echo "Bail out! no demo case"; exit 1; }
person=$("$LS" safeguarding "$tmp/demo.linesight" --format csv | sed -n '2s/,.*//p')
person_id=$(sqlite3 "$tmp/demo.linesight" "SELECT id FROM people WHERE name = '${person//\'/\'\'}'")
subject="person:$person_id"

# The referral and its audit trail agree: every change has its audit row,
# each row starts where the one before ended, and the last one is the
# referral as it stands (status and notes).
referral_consistent () {
  local db=$1
  local chain broken current last
  chain=$(sqlite3 "$db" "SELECT count(*) FROM audit_log a JOIN audit_log b
                          ON b.id = (SELECT min(id) FROM audit_log WHERE id > a.id AND action = 'referral' AND subject = a.subject)
                          WHERE a.action = 'referral' AND a.subject = '$subject' AND a.new_value IS NOT b.old_value;")
  [ "$chain" = 0 ] || { echo "# audit rows do not chain ($chain breaks)"; return 1; }
  current=$(sqlite3 "$db" "SELECT coalesce((SELECT status || '|' || coalesce(notes, '') FROM referrals WHERE person_id = $person_id), 'not-reviewed|');")
  last=$(sqlite3 "$db" "SELECT coalesce((SELECT new_value || '|' || coalesce(json_extract(details, '\$.notes'), '') FROM audit_log
                          WHERE action = 'referral' AND subject = '$subject' ORDER BY id DESC LIMIT 1), 'not-reviewed|');")
  [ "$current" = "$last" ] || { echo "# referral is $current, its last audit row says $last"; return 1; }
}

# Time one edit.
copy_case "$tmp/demo.linesight" "$tmp/edit.linesight"
start=$(now_ms)
"$LS" referral "$tmp/edit.linesight" --person "$person" --set-status needs-referral --notes "timing" >/dev/null ||
  { echo "Bail out! a referral edit fails"; exit 1; }
edit=$(( $(now_ms) - start ))
echo "# one referral edit takes $edit ms"
check "the edit is audited" 'referral_consistent "$tmp/edit.linesight" && [ "$(sqlite3 "$tmp/edit.linesight" "SELECT count(*) FROM audit_log WHERE action = '"'referral'"'")" = 1 ]'

copy_case "$tmp/demo.linesight" "$tmp/edits.linesight"
done_edits=0
killed=0
for k in $(seq 0 $((KILLS - 1))); do
  current=$(sqlite3 "$tmp/edits.linesight" "SELECT coalesce((SELECT status FROM referrals WHERE person_id = $person_id), 'not-reviewed');")
  if [ "$current" = needs-referral ]; then next=no-further-action; else next=needs-referral; fi
  delay=$(( 5 + edit * k * 6 / (5 * KILLS) ))
  result=$(kill_at "$delay" "$LS" referral "$tmp/edits.linesight" --person "$person" --set-status "$next" --notes "edit $k")
  [ "$result" = killed ] && killed=$((killed + 1))
  [ "$result" = 0 ] && done_edits=$((done_edits + 1))
  check_result=$(integrity "$tmp/edits.linesight")
  audits=$(sqlite3 "$tmp/edits.linesight" "SELECT count(*) FROM audit_log WHERE action = 'referral' AND subject = '$subject'")
  if [ "$check_result" != ok ]; then
    not_ok "referral edit killed at $delay ms ($result): integrity_check says $check_result"
  elif ! referral_consistent "$tmp/edits.linesight"; then
    not_ok "referral edit killed at $delay ms ($result): the referral and its audit trail disagree"
  elif [ "$audits" -lt "$done_edits" ]; then
    not_ok "referral edit killed at $delay ms ($result): $done_edits edits completed but $audits audited"
  else
    ok "referral edit killed at $delay ms ($result): the referral and its $audits audit rows agree"
  fi
  # A killed edit that had committed counts as done from here on.
  done_edits=$audits
done
echo "# $killed of $KILLS referral edits were killed while running"
check "the case still opens and shows the referral" '"$LS" referral "$tmp/edits.linesight" --person "$person" >/dev/null 2>&1'

# --- Layout caching ---------------------------------------------------------

# The network export lays the graph out and caches the positions in one
# transaction; killed, the cache holds every node of that layout or none.
if "$LS" help | grep -q '^  export '; then
  layouts () {
    sqlite3 "$1" "SELECT layout || ' ' || range_from || ' ' || range_to || ' ' || count(*)
                  FROM layout_cache GROUP BY layout, range_from, range_to ORDER BY 1;"
  }
  copy_case "$tmp/demo.linesight" "$tmp/layout.linesight"
  start=$(now_ms)
  "$LS" export "$tmp/layout.linesight" --view network --output "$tmp/network.png" >/dev/null ||
    { echo "Bail out! the network export fails"; exit 1; }
  layout=$(( $(now_ms) - start ))
  full=$(layouts "$tmp/layout.linesight")
  echo "# one network export takes $layout ms and caches: $full"
  check "the export caches a layout" '[ -n "$full" ]'
  killed=0
  for k in $(seq 0 $((KILLS - 1))); do
    copy_case "$tmp/demo.linesight" "$tmp/layout.linesight"
    delay=$(( 5 + layout * k * 6 / (5 * KILLS) ))
    result=$(kill_at "$delay" "$LS" export "$tmp/layout.linesight" --view network --output "$tmp/network.png")
    [ "$result" = killed ] && killed=$((killed + 1))
    check_result=$(integrity "$tmp/layout.linesight")
    cached=$(layouts "$tmp/layout.linesight")
    if [ "$check_result" != ok ]; then
      not_ok "network export killed at $delay ms ($result): integrity_check says $check_result"
    elif [ -z "$cached" ]; then
      ok "network export killed at $delay ms ($result): no layout cached"
    elif [ "$cached" = "$full" ]; then
      ok "network export killed at $delay ms ($result): the whole layout cached"
    else
      not_ok "network export killed at $delay ms ($result): part of a layout cached ($cached)"
    fi
  done
  echo "# $killed of $KILLS network exports were killed while running"
else
  echo "# linesight export is not present: layout caching not tested"
fi

echo "1..$n"
exit $failed
