# Sourced by .ci/run: "dotnet test leaves nothing in /tmp" (issue 23), checked over the test command's
# window only (CI's own and npm's temporary files come before and after it).
#   tmp_check_start          before the command: lists /tmp, starts following the CI script's process tree
#   tmp_check_finish         after it: prints what the command left in /tmp; fails when anything
# What is new but not the tests' doing is left out, each for its reason (see tmp_check_finish).

tmp_list() { find /tmp -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort; }

# Every process descended from this script while the tests run, polled 5 times a second: a .NET
# process's diagnostics files carry its pid, and only the pids seen here are the tests' own.
tmp_follow_tree() {
  local root=$1 seen=$2
  while :; do
    ps -e -o pid=,ppid= | awk -v root="$root" '
      { parent[$1] = $2 }
      END { for (p in parent) { q = p; while ((q in parent) && q != root && q > 1) q = parent[q]; if (q == root) print p } }' >>"$seen"
    sleep 0.2
  done
}

tmp_check_start() {
  tmp_seen_pids=$(mktemp)
  tmp_before=$(tmp_list)
  tmp_follow_tree $$ "$tmp_seen_pids" &
  tmp_follower=$!
}

tmp_check_finish() {
  kill "$tmp_follower" 2>/dev/null; wait "$tmp_follower" 2>/dev/null
  # What a process was still writing as the command ended (a compiler's scratch file, say) is gone a
  # moment later; only what stays was left behind.
  sleep 3
  local new entry path pid left="" ignored=""
  new=$(comm -13 <(printf '%s\n' "$tmp_before") <(tmp_list))
  while IFS= read -r entry; do
    [ -n "$entry" ] || continue
    path="/tmp/$entry"
    [ -e "$path" ] || [ -L "$path" ] || continue
    if [[ $entry =~ ^(clr-debug-pipe|dotnet-diagnostic)-([0-9]+)- ]]; then
      pid=${BASH_REMATCH[2]}
      if ! grep -qx "$pid" "$tmp_seen_pids"; then
        # Another program's on this machine: never a process of the test command.
        ignored+="  $entry (pid $pid was never a process of the test command)"$'\n'; continue
      fi
      if [ -d "/proc/$pid" ] && grep -qaE 'MSBuild\.dll|VBCSCompiler\.dll' "/proc/$pid/cmdline" 2>/dev/null; then
        # The SDK's build servers (MSBuild nodes, the compiler server) stay up by design for the next
        # build and remove their files when they exit.
        ignored+="  $entry (the SDK's build server, pid $pid, still running)"$'\n'; continue
      fi
    elif [[ $entry =~ ^[A-Za-z0-9]{6}$ ]] && [ -d "$path" ] && [ -z "$(ls -A "$path" 2>/dev/null)" ] &&
         [ "$(stat -c %a "$path")" = 700 ]; then
      # The SDK's own: every dotnet build/test command makes such empty private directories and never
      # removes them (https://github.com/dotnet/sdk/issues/35353); the tests make paths only through
      # TempPaths, whose names start "orders-test-".
      ignored+="  $entry (the SDK's empty temporary directory)"$'\n'; continue
    fi
    case $entry in
      # What the tests make: every temporary path through TempPaths (TempPathsTests holds every
      # source to it), PostgreSQL's sockets, and whatever the servers they start (as postgres or
      # rabbitmq) write there. Anything else new is another program's on a shared machine (a shell,
      # a package installation, a colleague's scratch directory): listed, never blamed on the tests.
      orders-test-*|.s.PGSQL.*|.s.PGSQL.*.lock) ;;
      *)
        if [[ ! $(stat -c %U "$path") =~ ^(postgres|rabbitmq)$ ]]; then
          ignored+="  $entry (not a name the tests make, nor a server's they start)"$'\n'; continue
        fi ;;
    esac
    left+="  $entry ($(stat -c '%F, %s bytes, owner %U, modified %y' "$path"))"$'\n'
  done <<<"$new"
  rm -f "$tmp_seen_pids"
  if [ -n "$ignored" ]; then printf 'new in /tmp, not left by the tests:\n%s' "$ignored"; fi
  if [ -n "$left" ]; then
    printf 'the test command left in /tmp (make it through TempPaths, or start the process through TestProcesses, in tests/Orders.Api.Tests/Fixtures):\n%s' "$left"
    return 1
  fi
  echo "the test command left nothing in /tmp"
}
