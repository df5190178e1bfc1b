#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image; the bundle is unpacked
# in $AUTOGRADER_ROOT/source (default /autograder/source).
#
# It installs a JDK (17 or newer) and Maven (3.8 or newer) from the distribution's packages when
# they are missing, builds the workbook tools, and grades the reference edition once. That grading
# checks the bundle (it must earn full marks) and fills Maven's local repository with every plugin
# and library, so that grading a submission later needs no network.
set -euo pipefail

root="${AUTOGRADER_ROOT:-/autograder}"
source_dir="$root/source"
maven_fallback=3.9.11

java_major() {
  javac -version 2>&1 | sed -n 's/^javac \([0-9][0-9]*\).*/\1/p'
}
have_jdk() {
  command -v javac >/dev/null 2>&1 && [ "$(java_major)" -ge 17 ] 2>/dev/null
}
have_maven() {
  command -v mvn >/dev/null 2>&1 || return 1
  local version major minor
  # Maven colours its version line, so take the version out of the line rather than match all of it.
  version=$(mvn -v 2>/dev/null | grep -o 'Apache Maven [0-9][0-9]*\.[0-9][0-9]*' | sed -n 1p | sed 's/^Apache Maven //; s/\./ /')
  read -r major minor <<<"$version"
  [ -n "${major:-}" ] && { [ "$major" -gt 3 ] || { [ "$major" -eq 3 ] && [ "$minor" -ge 8 ]; }; }
}

if ! have_jdk || ! have_maven; then
  echo "setup: installing a JDK and Maven from the distribution's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  have_jdk || apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless
  have_maven || apt-get install -y -q --no-install-recommends maven
fi
if ! have_jdk; then
  echo "setup: no JDK 17 or newer after installing openjdk-17-jdk-headless" >&2
  exit 1
fi
if ! have_maven; then
  # Some images ship a Maven older than 3.8; Maven Central has the release itself.
  echo "setup: the packaged Maven is older than 3.8; installing Maven $maven_fallback from Maven Central"
  command -v curl >/dev/null 2>&1 || apt-get install -y -q --no-install-recommends curl ca-certificates
  curl -fsSL "https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/$maven_fallback/apache-maven-$maven_fallback-bin.tar.gz" \
    | tar -xz -C /opt
  ln -sf "/opt/apache-maven-$maven_fallback/bin/mvn" /usr/local/bin/mvn
  hash -r
fi
# sed reads to the end; head would stop early, and with pipefail the writer's broken pipe fails the script.
java -version 2>&1 | sed -n 1p
mvn -v 2>&1 | sed -n 1p

chmod +x "$source_dir/workbook" "$source_dir/run_autograder"
cd "$source_dir"
echo "setup: grading the reference edition (checks the bundle, fetches every dependency)"
# The reference is trusted code: generous budgets, so that a slow image build never fails the check.
./workbook grade --submission "$source_dir" --expect full --stage-seconds 1200 --grade-seconds 7200
echo "setup: done"
