#!/usr/bin/env bash
# Checks the launcher ./composefix on a copy of the repository (the jar is copied, not rebuilt), once
# with an older JDK (dynamic CDS archive) and once with a JDK 25 or later (AOT cache) when there is
# one: two launchers started at once on a target/ without archive both succeed with the same output;
# output and exit codes are those of `java -jar target/composefix.jar`; nothing extra is printed
# with a damaged archive, an archive older than the jar, or one made by another runtime, and a new
# one is made; a runtime that cannot make an AOT cache runs without one (not with the old one) and
# does not try again at every start; a run that finds a build under way waits for it. Needs a built
# jar (run ./composefix --version first). About 7 s.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
[ -f target/composefix.jar ] || { echo "launcher_test: no target/composefix.jar; run ./composefix --version first" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "launcher_test: FAIL: $*" >&2; fails=$((fails + 1)); }

# major version of a JDK home from its release file (0 when unknown)
major() {
  local v
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null || true)
  echo "${v:-0}"
}

# an older JDK: java on PATH when it is one, else one in /usr/lib/jvm; a JDK 25 or later, if any
old= new=
path_java=$(command -v java || true)
if [ -n "$path_java" ]; then
  v=$("$path_java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [ -n "$v" ] && [ "${v%%.*}" -lt 25 ] && old=$path_java
fi
for h in ${JAVA_HOME:+"$JAVA_HOME"} /usr/lib/jvm/*; do
  [ -x "$h/bin/java" ] || continue
  m=$(major "$h")
  if [ "$m" -ge 25 ]; then [ -n "$new" ] || new=$h/bin/java
  elif [ "$m" -gt 0 ]; then [ -n "$old" ] || old=$h/bin/java
  fi
done

# a copy of what the launcher looks at, with the times kept so that the jar is not stale
w=$tmp/repo
mkdir -p "$w/target" "$w/docs"
cp -a composefix pom.xml "$w/"
cp -a src "$w/src"
cp -a docs/rules "$w/docs/rules"
cp -p target/composefix.jar "$w/target/"
inputs=("$repo"/fixtures/*/*/input.yaml)
inputs=("${inputs[@]:0:24}")  # enough to load every rule, few enough to be quick
out=$tmp/out
mkdir -p "$out"

# run NAME ARGS...: the launcher's stdout, stderr and exit code into $out/NAME.{out,err,rc}
run() {
  local name=$1
  shift
  local rc=0
  (cd "$w" && ./composefix "$@") >"$out/$name.out" 2>"$out/$name.err" || rc=$?
  echo "$rc" >"$out/$name.rc"
}
# same NAME1 NAME2: identical stdout, stderr and exit code
same() {
  local s
  for s in out err rc; do
    cmp -s "$out/$1.$s" "$out/$2.$s" || { fail "$1 and $2 differ on $s"; diff "$out/$1.$s" "$out/$2.$s" | head -5 >&2 || true; }
  done
}

check_runtime() {
  local label=$1 java=$2 cache=$3
  export COMPOSEFIX_JAVA=$java
  echo "launcher_test: $label ($java): $(basename "$cache")"
  local t=$w/target rc=0
  rm -f "$t"/composefix.aot "$t"/composefix.aot.id "$t"/composefix.jsa

  # the reference: the jar on its own
  (cd "$w" && "$java" -jar target/composefix.jar --dry-run "${inputs[@]}") >"$out/ref.out" 2>"$out/ref.err" || rc=$?
  echo "$rc" >"$out/ref.rc"
  [ "$rc" = 1 ] || fail "$label: java -jar exit $rc, expected 1 (findings left)"

  # two launchers at once on a target/ without archive: both make or wait for it
  run a --dry-run "${inputs[@]}" &
  run b --dry-run "${inputs[@]}" &
  wait
  same a ref
  same b ref
  [ -s "$cache" ] || fail "$label: no $(basename "$cache") after the first runs"
  ls "$t" | grep -E '\.[0-9]+$' >&2 && fail "$label: temporary files left in target/"

  # exit codes pass through: 2 for a missing file
  run missing "$tmp/no-such-file.yml"
  [ "$(cat "$out/missing.rc")" = 2 ] || fail "$label: missing file: exit $(cat "$out/missing.rc"), expected 2"

  # a damaged archive: nothing extra printed
  head -c 4096 /dev/urandom >"$cache"
  run damaged --dry-run "${inputs[@]}"
  same damaged ref

  # a jar newer than the archive (a rebuild): a new archive is made, nothing extra printed
  local before
  before=$(cksum <"$cache")
  touch -d "@$(($(stat -c %Y "$t/composefix.jar") - 10))" "$cache" "$t"/composefix.aot.id 2>/dev/null || true
  run newer --dry-run "${inputs[@]}"
  same newer ref
  [ "$(cksum <"$cache")" != "$before" ] || fail "$label: the archive was not made again for a newer jar"
  [ ! "$t/composefix.jar" -nt "$cache" ] || fail "$label: the archive is older than the jar"

  if [ "$cache" = "$t/composefix.aot" ]; then
    # a cache made for another runtime is not used: made again for this one
    echo "/some/other/java 25.0.0 -XX:+UseSerialGC" >"$t/composefix.aot.id"
    before=$(cksum <"$cache")
    run other --dry-run "${inputs[@]}"
    same other ref
    [ "$(cksum <"$cache")" != "$before" ] || fail "$label: the cache of another runtime was kept"
    grep -qF "$java " "$t/composefix.aot.id" || fail "$label: composefix.aot.id does not name $java"

    # a runtime that cannot make a cache: the old one is not used (it may hold an older jar's
    # classes), the output is the same, and the next run does not try again
    mkdir -p "$tmp/jdk/bin"
    echo 'JAVA_VERSION="25"' >"$tmp/jdk/release"
    printf '#!/bin/sh\ncase "$*" in *AOTCacheOutput*) : >"%s"; exit 1 ;; esac\nexec "%s" "$@"\n' \
      "$tmp/tried" "$java" >"$tmp/jdk/bin/java"
    chmod +x "$tmp/jdk/bin/java"
    export COMPOSEFIX_JAVA=$tmp/jdk/bin/java
    run nocache --dry-run "${inputs[@]}"
    same nocache ref
    [ -e "$tmp/tried" ] || fail "$label: no try to make a cache for another runtime"
    [ ! -e "$cache" ] || fail "$label: the old cache was kept when no new one could be made"
    rm -f "$tmp/tried"
    run nocache2 --version
    [ ! -e "$tmp/tried" ] || fail "$label: a runtime that cannot make a cache tries again at every start"
  fi
  unset COMPOSEFIX_JAVA
}

if [ -n "$old" ]; then
  check_runtime "older JDK" "$old" "$w/target/composefix.jsa"
else
  echo "launcher_test: no JDK older than 25 found: its part skipped"
fi
if [ -n "$new" ]; then
  check_runtime "JDK 25+" "$new" "$w/target/composefix.aot"
else
  echo "launcher_test: no JDK 25 or later found: its part skipped"
fi

# a run that finds a build under way waits for it (the lock holder stands for the build)
: >"$w/target/.building"
(flock 9; : >"$tmp/held"; sleep 0.5; : >"$tmp/released") 9>"$w/target/.build.lock" &
while [ ! -e "$tmp/held" ]; do sleep 0.05; done
run waited --version
wait
rm -f "$w/target/.building"
[ -e "$tmp/released" ] || fail "a run during a build did not wait for it"
[ "$(cat "$out/waited.rc")" = 0 ] && [ -s "$out/waited.out" ] || fail "a run during a build failed"

if [ "$fails" -gt 0 ]; then
  echo "launcher_test: $fails failure(s)" >&2
  exit 1
fi
echo "launcher_test: ok"
