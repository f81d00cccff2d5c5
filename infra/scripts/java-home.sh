#!/usr/bin/env bash
# Prints a JAVA_HOME whose java is 21 or newer: the caller's own if it qualifies, else the newest
# JDK under /usr/lib/jvm. The build compiles for Java 21; older default JDKs are common on CI images.
set -u
major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1; }
for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] && [ "$(major "$candidate")" -ge 21 ] 2>/dev/null; then
    echo "$candidate"; exit 0
  fi
done
best=""; best_major=0
for candidate in /usr/lib/jvm/*; do
  [ -x "$candidate/bin/javac" ] || continue
  m=$(major "$candidate"); [ -n "$m" ] || continue
  if [ "$m" -ge 21 ] && [ "$m" -gt "$best_major" ]; then best="$candidate"; best_major=$m; fi
done
if [ -z "$best" ]; then
  echo "No JDK 21+ found (set JAVA_HOME or install one under /usr/lib/jvm)" >&2; exit 1
fi
echo "$best"
