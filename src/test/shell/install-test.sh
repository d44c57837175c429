#!/usr/bin/env bash
# Tests install.sh in staging roots (--root): a second run changes nothing; an upgrade keeps what
# the operator edited and puts the new version beside it as .new; --uninstall keeps state and
# config, --purge removes them; --dry-run changes nothing; the systemd units pass
# 'systemd-analyze verify' where it is installed. Needs target/homeamp.jar (mvn package).
# Prints one line per check and "N passed, N failed"; exits 1 when any check failed.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../../.." && pwd)
JAR=$REPO/target/homeamp.jar
[ -f "$JAR" ] || { echo "install-test: $JAR is missing: run mvn -B -DskipTests package first" >&2; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/homeamp-install-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
PASSED=0
FAILED=0
check() {
    local what=$1
    shift
    if "$@"; then
        PASSED=$((PASSED + 1))
        echo "ok   $what"
    else
        FAILED=$((FAILED + 1))
        echo "FAIL $what"
    fi
}

# A release tree to install from (and to change, for the upgrade), without copying the jar.
SRC=$T/release
mkdir -p "$SRC"
cp -r "$REPO/install.sh" "$REPO/homeamp.example.yml" "$REPO/README.md" "$REPO/jobs" "$REPO/report-templates" \
    "$REPO/registry" "$REPO/baselines" "$REPO/docs" "$SRC/"
export HOMEAMP_JAR=$JAR
ROOT=$T/root

install_quiet() { "$SRC/install.sh" --root "$ROOT" --skip-doctor "$@" >"$T/out" 2>&1 || { cat "$T/out"; return 1; }; }
# Every file, link and folder of the root with its mode and content checksum (not its time).
snapshot() {
    (cd "$ROOT" && find . -printf '%y %m %p\n' | LC_ALL=C sort &&
        find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) >"$1"
}
contains() { grep -qF -- "$2" "$1"; }
# runs a command with its output kept in $T/out (so that check's own line still reaches the console)
quiet() { "$@" >"$T/out" 2>&1; }
absent() { [ ! -e "$1" ]; }

# ---- first install, with the start-up archive ----
check "first install succeeds" install_quiet
check "jar, unpacked jar and launcher are installed" test -f "$ROOT/opt/homeamp/lib/homeamp.jar" -a -f "$ROOT/opt/homeamp/lib/app/homeamp.jar" -a -x "$ROOT/usr/local/bin/homeamp"
check "the training run recorded a class-data-sharing archive" test -s "$ROOT/opt/homeamp/lib/homeamp.jsa"
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$REPO/pom.xml" | head -1)
check "the launcher starts the installed jar (with the archive) and prints the pom version" \
    test "$(HOMEAMP_HOME=$ROOT/opt/homeamp "$ROOT/usr/local/bin/homeamp" --version 2>&1)" = "homeamp $version"
check "a commented homeamp.yml, nightly.env and an empty 0600 password file" \
    test -f "$ROOT/etc/homeamp/homeamp.yml" -a -f "$ROOT/etc/homeamp/nightly.env" -a "$(stat -c %a "$ROOT/etc/homeamp/hetzner.password" 2>/dev/null)" = 600
check "state dir is 0750" test "$(stat -c %a "$ROOT/var/lib/homeamp")" = 750
check "units and the timer's time drop-in (03:30 by default)" contains "$ROOT/etc/systemd/system/homeamp-nightly.timer.d/time.conf" "OnCalendar=*-*-* 03:30:00"
check "files in the real system's paths, not the staging root's" contains "$ROOT/etc/systemd/system/homeamp-nightly.service" "ExecStart=/usr/local/bin/homeamp run nightly"
check "the worker unit is installed (not enabled)" contains "$ROOT/etc/systemd/system/homeamp-worker.service" "ExecStart=/usr/local/bin/homeamp worker --config /etc/homeamp/homeamp.yml"

# ---- a second run changes nothing ----
snapshot "$T/first"
check "second install succeeds" install_quiet --no-cds
snapshot "$T/second"
check "second run changes nothing (modes and checksums of the whole tree)" cmp -s "$T/first" "$T/second"
templates=$(find "$REPO/report-templates" -maxdepth 1 -type f | wc -l)
check "second run reports nothing new" contains "$T/out" "report-templates (/opt/homeamp/report-templates): 0 new, 0 upgraded, $templates unchanged"

# ---- the operator edits; a new release changes the same files ----
echo "# my note: ovh is in maintenance until Friday" >>"$ROOT/etc/homeamp/homeamp.yml"
echo "<!-- restyled by us -->" >>"$ROOT/opt/homeamp/report-templates/mail.ftlh"
sed -i 's/^HOMEAMP_NIGHTLY_TIME=.*/HOMEAMP_NIGHTLY_TIME=02:15/' "$ROOT/etc/homeamp/nightly.env"
echo "# new in this release" >>"$SRC/homeamp.example.yml"
echo "<!-- new in this release -->" >>"$SRC/report-templates/mail.ftlh"
echo "<!-- new in this release -->" >>"$SRC/report-templates/drift.ftlh"
echo "# new in this release" >>"$SRC/jobs/nightly.env.example"
check "upgrade succeeds" install_quiet --no-cds
check "edited config survives the upgrade" contains "$ROOT/etc/homeamp/homeamp.yml" "# my note: ovh is in maintenance until Friday"
check "the new config is beside it as homeamp.yml.new" contains "$ROOT/etc/homeamp/homeamp.yml.new" "# new in this release"
check "edited template survives the upgrade" contains "$ROOT/opt/homeamp/report-templates/mail.ftlh" "<!-- restyled by us -->"
check "the new template is beside it as mail.ftlh.new" contains "$ROOT/opt/homeamp/report-templates/mail.ftlh.new" "<!-- new in this release -->"
check "an unedited template is upgraded in place, without .new" \
    eval 'contains "$ROOT/opt/homeamp/report-templates/drift.ftlh" "<!-- new in this release -->" && absent "$ROOT/opt/homeamp/report-templates/drift.ftlh.new"'
check "the upgrade names each kept file" contains "$T/out" "kept your /etc/homeamp/homeamp.yml; this release's version is beside it: /etc/homeamp/homeamp.yml.new"
check "the nightly time comes from the edited nightly.env" contains "$ROOT/etc/systemd/system/homeamp-nightly.timer.d/time.conf" "OnCalendar=*-*-* 02:15:00"
snapshot "$T/upgraded"
check "a run after the upgrade changes nothing" install_quiet --no-cds
snapshot "$T/again"
check "... not even the .new files" cmp -s "$T/upgraded" "$T/again"

# ---- the operator takes the new template over: the .new goes away ----
cp "$ROOT/opt/homeamp/report-templates/mail.ftlh.new" "$ROOT/opt/homeamp/report-templates/mail.ftlh" || true  # counted below when absent
check "install after taking a .new over succeeds" install_quiet --no-cds
check "the taken-over .new is removed" absent "$ROOT/opt/homeamp/report-templates/mail.ftlh.new"

# ---- uninstall keeps state and config; purge removes them ----
mkdir -p "$ROOT/var/lib/homeamp/db"
echo "job data" >"$ROOT/var/lib/homeamp/db/homeamp.mv.db"
echo "# my baseline edit" >>"$ROOT/opt/homeamp/baselines/rules.yml"
check "--uninstall succeeds" quiet "$SRC/install.sh" --uninstall --root "$ROOT"
check "uninstall removes jar, launcher and units" \
    eval 'absent "$ROOT/opt/homeamp/lib" && absent "$ROOT/usr/local/bin/homeamp" && absent "$ROOT/etc/systemd/system/homeamp-nightly.service" && absent "$ROOT/etc/systemd/system/homeamp-nightly.timer.d"'
check "uninstall keeps the state dir" contains "$ROOT/var/lib/homeamp/db/homeamp.mv.db" "job data"
check "uninstall keeps the config and password file" test -f "$ROOT/etc/homeamp/homeamp.yml" -a -f "$ROOT/etc/homeamp/hetzner.password"
check "uninstall keeps an edited baseline" contains "$ROOT/opt/homeamp/baselines/rules.yml" "# my baseline edit"
check "uninstall removes unedited baselines" eval '[ "$(find "$ROOT/opt/homeamp/baselines" -type f | wc -l)" -eq 1 ]'
install_quiet --no-cds
check "--uninstall --purge succeeds" quiet "$SRC/install.sh" --uninstall --purge --root "$ROOT"
check "purge removes state, config and program files" eval 'absent "$ROOT/var/lib/homeamp" && absent "$ROOT/etc/homeamp" && absent "$ROOT/opt/homeamp"'

# ---- dry run and usage ----
check "--dry-run succeeds" quiet "$SRC/install.sh" --dry-run --root "$T/dry" --skip-doctor
check "--dry-run changes nothing" absent "$T/dry"
rc=0
"$SRC/install.sh" --purge >/dev/null 2>&1 || rc=$?
check "--purge without --uninstall is a usage error (exit 2)" test "$rc" -eq 2

# ---- the failure mail, with a journal that says which execution failed ----
FAKE=$T/fakebin
mkdir -p "$FAKE"
# stands in for journalctl (no journal in a test): the last lines of a failed nightly
printf '#!/bin/sh\necho "nightly for 2026-11-25 FAILED after 41.2 s (execution 17) in step discoveryScan:"\necho "Fix the cause, then run: homeamp restart 17"\n' >"$FAKE/journalctl"
chmod 755 "$FAKE/journalctl"
if command -v sendmail >/dev/null 2>&1; then
    echo "skip failure mail to the outbox: this host has sendmail"
else
    check "failure-mail.sh succeeds" quiet env PATH="$FAKE:$PATH" HOMEAMP_OUTBOX="$T/outbox" HOMEAMP_FAILURE_MAIL_TO=ops@example.org \
        "$SRC/jobs/failure-mail.sh" homeamp-nightly.service
    mail_file=$(ls "$T"/outbox/*-failure-homeamp-nightly.eml 2>/dev/null | head -1)
    check "without sendmail the failure mail is written to the outbox" test -n "$mail_file"
    check "the mail names the unit and the restart line" \
        eval 'contains "$mail_file" "Subject: [homeamp] homeamp-nightly.service FAILED" && contains "$mail_file" "/opt/homeamp/jobs/restart.sh 17" && contains "$mail_file" "To: ops@example.org"'
fi

# ---- systemd-analyze verify, where installed ----
if command -v systemd-analyze >/dev/null 2>&1; then
    install_quiet --no-cds
    V=$T/verify
    mkdir -p "$V"
    # the units name the real system's paths; point them at the staging root, where those files exist
    for u in homeamp-nightly.service homeamp-nightly.timer homeamp-worker.service; do
        sed -e "s|/usr/local/bin/homeamp|$ROOT/usr/local/bin/homeamp|g" -e "s|/opt/homeamp|$ROOT/opt/homeamp|g" \
            -e 's/^User=.*/User=root/' -e 's/^Group=.*/Group=root/' "$ROOT/etc/systemd/system/$u" >"$V/$u"
    done
    sed -e "s|/opt/homeamp|$ROOT/opt/homeamp|g" "$ROOT/etc/systemd/system/homeamp-failure@.service" >"$V/homeamp-failure@homeamp-nightly.service.service"
    check "systemd-analyze verify passes on the units" eval 'systemd-analyze verify "$V"/* >"$T/verify.out" 2>&1 && [ ! -s "$T/verify.out" ] || { cat "$T/verify.out"; false; }'
else
    echo "skip systemd-analyze verify: systemd-analyze is not installed"
fi

echo "install-test: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
