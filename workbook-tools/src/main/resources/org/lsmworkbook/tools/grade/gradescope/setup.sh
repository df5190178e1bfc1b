#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image; the bundle is unpacked
# in $AUTOGRADER_ROOT/source (default /autograder/source).
#
# It installs a JDK (17 or newer) from the distribution's packages when there is none; Maven comes
# from the Maven Wrapper the bundle carries (./mvnw fetches Maven 3.9 from Maven Central once). It
# then builds the workbook tools and grades the reference edition once. That grading checks the
# bundle (it must earn full marks, and with the leaderboard on it must get leaderboard entries) and
# fills Maven's local repository with every plugin and library, those of the leaderboard's
# benchmark (profile bench) included, so that grading a submission later needs no network. What it
# got is kept in $AUTOGRADER_ROOT/reference-results.json (outside the source, so that
# grading never copies it).
#
# autograder.conf (beside this script) turns the leaderboard on or off; so does the environment
# variable WORKBOOK_LEADERBOARD (on or off), which wins over the file. WORKBOOK_BONUS (on or off, in
# the file or the environment) says whether the bonus tasks' tests are graded; off, the reference is
# graded with --no-bonus too.
set -euo pipefail

root="${AUTOGRADER_ROOT:-/autograder}"
source_dir="$root/source"
leaderboard_setting="${WORKBOOK_LEADERBOARD:-}"
bonus_setting="${WORKBOOK_BONUS:-}"
# shellcheck source=/dev/null
[ -f "$source_dir/autograder.conf" ] && . "$source_dir/autograder.conf"
[ -n "$leaderboard_setting" ] && WORKBOOK_LEADERBOARD=$leaderboard_setting
[ -n "$bonus_setting" ] && WORKBOOK_BONUS=$bonus_setting
leaderboard="${WORKBOOK_LEADERBOARD:-on}"

java_major() {
  javac -version 2>&1 | sed -n 's/^javac \([0-9][0-9]*\).*/\1/p'
}
have_jdk() {
  command -v javac >/dev/null 2>&1 && [ "$(java_major)" -ge 17 ] 2>/dev/null
}

packages=()
have_jdk || packages+=(openjdk-17-jdk-headless)
# The wrapper downloads Maven with curl or wget (HTTPS).
command -v curl >/dev/null 2>&1 || command -v wget >/dev/null 2>&1 || packages+=(curl ca-certificates)
if [ "${#packages[@]}" -gt 0 ]; then
  echo "setup: installing ${packages[*]} from the distribution's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${packages[@]}"
fi
if ! have_jdk; then
  echo "setup: no JDK 17 or newer after installing openjdk-17-jdk-headless" >&2
  exit 1
fi

chmod +x "$source_dir/workbook" "$source_dir/run_autograder" "$source_dir/mvnw"
cd "$source_dir"
# Grading uses the wrapper's Maven, whatever Maven the image may have: the version the course is built with.
export WORKBOOK_MVN="$source_dir/mvnw"
# sed reads to the end; head would stop early, and with pipefail the writer's broken pipe fails the script.
java -version 2>&1 | sed -n 1p
./mvnw -B -v 2>&1 | sed -n 1p

grade_options=()
if [ "${WORKBOOK_BONUS:-on}" = off ]; then
  grade_options+=(--no-bonus)
fi
if [ "$leaderboard" = on ]; then
  grade_options+=(--leaderboard)
  echo "setup: grading the reference edition with the leaderboard (checks the bundle, fetches every dependency)"
else
  echo "setup: grading the reference edition, leaderboard off (checks the bundle, fetches every dependency)"
fi
# The reference is trusted code: generous budgets, so that a slow image build never fails the check.
./workbook grade --submission "$source_dir" --expect full --stage-seconds 1200 --grade-seconds 7200 \
  --json "$root/reference-results.json" "${grade_options[@]}"
if [ "$leaderboard" = on ] && ! grep -q '"leaderboard": \[' "$root/reference-results.json"; then
  echo "setup: the reference edition got no leaderboard entry (see the notes above); set WORKBOOK_LEADERBOARD=off" \
    "in autograder.conf to grade without the leaderboard" >&2
  exit 1
fi
echo "setup: done"
