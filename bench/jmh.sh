#!/usr/bin/env bash
# In-process benchmarks (JMH): parse, one rule pass, the fix loop and the diff, on synthetic files
# of 200, 5,000 and 50,000 lines. Arguments go to JMH, e.g.
#   bench/jmh.sh                                  # everything (about 5 minutes)
#   bench/jmh.sh 'ComposefixBenchmarks.parse' -p lines=5000 -wi 2 -i 3
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
for n in 200 5000 50000; do
  [ -f "target/bench/compose-$n.yaml" ] || python3 bench/gen_compose.py "$n" >"target/bench/compose-$n.yaml"
done
mvn -q -B -Pjmh -DskipTests test-compile
exec mvn -q -B -Pjmh exec:exec -Dexec.args="-cp %classpath org.openjdk.jmh.Main ${*:-ComposefixBenchmarks}"
