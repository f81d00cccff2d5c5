# Sourced by the benchmark scripts: the JDK and Maven they build with, and how a harness is started.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export JAVA_HOME="${JAVA_HOME:-$(infra/scripts/java-home.sh)}"
export PATH="$JAVA_HOME/bin:$PATH"
mvn=(./mvnw -B -ntp -q)

# run_harness TARGET SETTINGS_REGEX SOURCE: records the command as a reader would repeat it (with the
# BENCH_* settings that differ from the defaults) and hands over to the harness; exec, so Ctrl-C reaches
# it and its shutdown hook stops everything it started.
run_harness() {
  local target="$1" names="$2" source="$3" settings
  settings=$(env | grep -E "^BENCH_($names)=" | sort | sed -E 's/=(.*)/="\1"/' | tr '\n' ' ' || true)
  export BENCH_COMMAND="${settings}make $target"
  exec java -cp "infra/target/classes:infra/target/lib/*" "$source"
}
