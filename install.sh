#!/usr/bin/env bash
# shellcheck disable=SC2031 # jobs/common.sh, sourced in a subshell below, keeps our HOMEAMP_* values
# Installs HomeAMP Config Manager on a Debian host. Run as root from the repository checkout,
# after building the jar (mvn -B -DskipTests package). Safe to run again: it changes only what
# is missing or out of date, and never overwrites the configuration, baselines, registry files or
# report templates an operator may have edited.
set -euo pipefail

# ---- settings (override with environment variables) -------------------------------------------
HOMEAMP_USER=${HOMEAMP_USER:-homeamp}                 # service user (created; home = state dir)
HOMEAMP_GROUP_AMP=${HOMEAMP_GROUP_AMP:-amp}           # AMP's group; the service user joins it
HOMEAMP_ETC=${HOMEAMP_ETC:-/etc/homeamp}              # homeamp.yml, homeamp.env, password files
HOMEAMP_STATE=${HOMEAMP_STATE:-/var/lib/homeamp}      # job database, logs, staging, backups, reports
HOMEAMP_JAR=${HOMEAMP_JAR:-target/homeamp.jar}        # the built jar (relative: to this checkout)
HOMEAMP_PREFIX=${HOMEAMP_PREFIX:-/opt/homeamp}        # program files (--prefix)
HOMEAMP_BIN=${HOMEAMP_BIN:-/usr/local/bin/homeamp}    # the launcher
HOMEAMP_SYSTEMD_DIR=${HOMEAMP_SYSTEMD_DIR:-/etc/systemd/system}
HOMEAMP_MIN_JAVA=17

# The PATH the systemd service runs with: the java found there is the one the timer will use.
readonly SYSTEM_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
PATH="$PATH:/usr/sbin:/sbin"   # useradd and usermod, also under plain 'su'
readonly TOTAL_STEPS=19

REPO=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
PROG=$(basename "$0")
DRY_RUN=no
ORIG_ARGS="$*"
STEP=0
DRY_FAILURES=()
NEXT_STEPS=()

usage() {
    cat <<EOF
Usage: $PROG [--prefix DIR] [--dry-run] [--help]

Installs HomeAMP Config Manager on this Debian host (run as root, from the repository checkout,
after 'mvn -B -DskipTests package'). Safe to run again after every update.

  --prefix DIR   program files (jar, baselines, registry, report templates, jobs, docs);
                 default $HOMEAMP_PREFIX
  --dry-run      print every action and change nothing (root not needed)
  -h, --help     this text

What it does: checks Java $HOMEAMP_MIN_JAVA+ and the jar; creates the system user $HOMEAMP_USER (home
$HOMEAMP_STATE, no login shell) in the group $HOMEAMP_GROUP_AMP; creates $HOMEAMP_STATE and $HOMEAMP_ETC;
installs the jar, the launcher $HOMEAMP_BIN, report templates, registry and baselines (new files
only), a commented $HOMEAMP_ETC/homeamp.yml (only if absent) and the systemd units; enables the
nightly timer; ends with 'homeamp doctor'.

Environment overrides (defaults shown):
  HOMEAMP_USER=$HOMEAMP_USER  HOMEAMP_GROUP_AMP=$HOMEAMP_GROUP_AMP  HOMEAMP_ETC=$HOMEAMP_ETC
  HOMEAMP_STATE=$HOMEAMP_STATE  HOMEAMP_JAR=$HOMEAMP_JAR  HOMEAMP_PREFIX=$HOMEAMP_PREFIX
  HOMEAMP_BIN=$HOMEAMP_BIN  HOMEAMP_SYSTEMD_DIR=$HOMEAMP_SYSTEMD_DIR

Exit codes: 0 installed, 1 failed (the message says why and what to do), 2 bad usage.
EOF
}

# ---- output -----------------------------------------------------------------------------------
step() {
    STEP=$((STEP + 1))
    printf '[%2d/%d] %s\n' "$STEP" "$TOTAL_STEPS" "$*"
}
warn() { printf '%s: warning: %s\n' "$PROG" "$*" >&2; }
die() {
    printf '%s: error: %s\n' "$PROG" "$*" >&2
    exit 1
}
usage_error() {
    printf '%s: %s\nFix: see %s --help\n' "$PROG" "$*" "$PROG" >&2
    exit 2
}
# A check that fails stops a real run; a dry run notes it and goes on, to show the whole plan.
fail_check() {
    if [ "$DRY_RUN" = yes ]; then
        printf '      dry-run: a real run would stop here: %s\n' "$*"
        DRY_FAILURES+=("$*")
    else
        die "$*"
    fi
}
is_dry() { [ "$DRY_RUN" = yes ]; }

# Runs a command, or in a dry run prints it.
run() {
    if is_dry; then
        printf '      dry-run: would run:'
        printf ' %q' "$@"
        printf '\n'
    else
        "$@"
    fi
}

# ---- arguments --------------------------------------------------------------------------------
while [ $# -gt 0 ]; do
    case $1 in
        -h | --help) usage; exit 0 ;;
        --dry-run) DRY_RUN=yes ;;
        --prefix)
            if [ $# -lt 2 ] || [ -z "$2" ]; then usage_error "--prefix needs a directory"; fi
            HOMEAMP_PREFIX=$2
            shift
            ;;
        --prefix=*) HOMEAMP_PREFIX=${1#--prefix=} ;;
        *) usage_error "unknown argument '$1'" ;;
    esac
    shift
done
for var in HOMEAMP_PREFIX HOMEAMP_ETC HOMEAMP_STATE HOMEAMP_BIN HOMEAMP_SYSTEMD_DIR; do
    case ${!var} in
        /*) ;;
        *) usage_error "$var must be an absolute path, not '${!var}'" ;;
    esac
    # No trailing slash, so that paths written into files look as an operator would type them.
    [ "${!var}" = / ] || printf -v "$var" '%s' "${!var%/}"
done
case $HOMEAMP_JAR in
    /*) JAR=$HOMEAMP_JAR ;;
    *) JAR=$REPO/$HOMEAMP_JAR ;;
esac
PREFIX=$HOMEAMP_PREFIX
ETC=$HOMEAMP_ETC
STATE=$HOMEAMP_STATE

WORK=$(mktemp -d "${TMPDIR:-/tmp}/homeamp-install.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# ---- helpers ----------------------------------------------------------------------------------
sed_escape() { printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'; }

# Copies a repository file to $WORK with this install's paths and names in place of the defaults
# (they only differ when HOMEAMP_* or --prefix were given); prints the copy's path.
localize() {
    local src=$1 out
    out=$WORK/$(basename "$src")
    sed -e "s|/etc/homeamp|$(sed_escape "$ETC")|g" \
        -e "s|/var/lib/homeamp|$(sed_escape "$STATE")|g" \
        -e "s|/opt/homeamp|$(sed_escape "$PREFIX")|g" \
        -e "s|/usr/local/bin/homeamp|$(sed_escape "$HOMEAMP_BIN")|g" \
        -e "s|^User=homeamp\$|User=$(sed_escape "$HOMEAMP_USER")|" \
        -e "s|^Group=homeamp\$|Group=$(sed_escape "$SERVICE_GROUP")|" \
        -e "s|^SupplementaryGroups=amp\$|$(sed_escape "$SUPPLEMENTARY_LINE")|" \
        -e "s|HOMEAMP_USER:-homeamp}|HOMEAMP_USER:-$(sed_escape "$HOMEAMP_USER")}|" \
        "$src" >"$out"
    printf '%s\n' "$out"
}

# Installs a file we own (overwritten when it changed), atomically: a job that is running keeps
# the old file. Sets PUT to new, updated or unchanged.
PUT=
put() {
    local src=$1 dst=$2 mode=$3 owner=$4 group=$5
    if [ -f "$dst" ] && cmp -s "$src" "$dst"; then
        PUT=unchanged
        return 0
    fi
    if [ -e "$dst" ]; then PUT=updated; else PUT=new; fi
    run install -m "$mode" -o "$owner" -g "$group" "$src" "$dst.install-new"
    run mv -f "$dst.install-new" "$dst"
}

# Sums up put results over several files: "2 new, 1 updated, 3 unchanged".
tally() {
    local new=0 updated=0 unchanged=0 r
    for r in "$@"; do
        case $r in new) new=$((new + 1)) ;; updated) updated=$((updated + 1)) ;; *) unchanged=$((unchanged + 1)) ;; esac
    done
    printf '%d new, %d updated, %d unchanged' "$new" "$updated" "$unchanged"
}

# Copies the files of a repository folder that the target does not have yet. Files already in the
# target are never overwritten: the operator may have edited them.
copy_missing() {
    local name=$1 src=$REPO/$1 dst=$PREFIX/$1 f rel kept=0 differ=0
    local missing=()
    if [ ! -d "$src" ]; then
        step "$name: the repository has no $name/ folder yet; nothing to copy"
        return 0
    fi
    while IFS= read -r -d '' f; do
        rel=${f#"$src"/}
        if [ -e "$dst/$rel" ]; then
            kept=$((kept + 1))
            cmp -s "$f" "$dst/$rel" || differ=$((differ + 1))
        else
            missing+=("$rel")
        fi
    done < <(find "$src" -type f -print0 | sort -z)
    local note=""
    if [ "$differ" -gt 0 ]; then
        note="; $differ of them differ from the repository (compare: diff -ru $src $dst)"
    fi
    step "$name: ${#missing[@]} new file(s) copied to $dst, $kept already there and kept (never overwritten)$note"
    for rel in "${missing[@]}"; do
        run install -D -m 0644 -o root -g root "$src/$rel" "$dst/$rel"
    done
}

java_major() {
    local version
    version=$(PATH=$SYSTEM_PATH java -version 2>&1 | awk -F'"' '/version/ { print $2; exit }')
    case $version in 1.*) version=${version#1.} ;; esac
    printf '%s\n' "${version%%[!0-9]*}"
}

# ---- checks, before anything is changed ----------------------------------------------------
if is_dry; then
    echo "Dry run: nothing is changed; every command a real run would execute is shown as 'would run'."
fi

if [ "$(id -u)" -eq 0 ]; then
    step "root: running as root"
elif is_dry; then
    step "root: not root, which is fine for --dry-run (a real run needs root: sudo $0)"
else
    die "run me as root: sudo $0 $ORIG_ARGS"
fi

java_hint="install it with: apt-get install openjdk-17-jre-headless (Debian 13: openjdk-21-jre-headless)"
if ! PATH=$SYSTEM_PATH command -v java >/dev/null 2>&1; then
    step "java: not found on the system PATH ($SYSTEM_PATH)"
    fail_check "Java $HOMEAMP_MIN_JAVA or newer is needed and 'java' was not found. Fix: $java_hint"
else
    major=$(java_major)
    java_path=$(PATH=$SYSTEM_PATH command -v java)
    if [ -z "$major" ] || [ "$major" -lt "$HOMEAMP_MIN_JAVA" ]; then
        step "java: $java_path is version ${major:-unknown}"
        fail_check "Java $HOMEAMP_MIN_JAVA or newer is needed, '$java_path -version' says ${major:-something unreadable}. Fix: $java_hint, then pick it with: update-alternatives --config java"
    else
        step "java: $java_path is Java $major (>= $HOMEAMP_MIN_JAVA, ok)"
    fi
fi

if [ -f "$JAR" ] && [ -s "$JAR" ]; then
    step "jar: $JAR ($(du -h "$JAR" | cut -f1))"
else
    step "jar: $JAR is missing"
    fail_check "the jar $JAR does not exist. Fix: build it first: cd $REPO && mvn -B -DskipTests package (or set HOMEAMP_JAR)"
fi

missing_sources=()
for f in homeamp.example.yml jobs/homeamp-nightly.service jobs/homeamp-nightly.timer jobs/homeamp.env.example \
    jobs/nightly.sh jobs/restart.sh jobs/common.sh jobs/README.md; do
    [ -f "$REPO/$f" ] || missing_sources+=("$f")
done
if [ ${#missing_sources[@]} -eq 0 ]; then
    step "checkout: $REPO has the example config and the jobs/ files"
else
    step "checkout: $REPO lacks ${missing_sources[*]}"
    fail_check "this is not a complete checkout. Fix: run install.sh from the repository (git pull, then try again)"
fi

# ---- service user ----------------------------------------------------------------------
if getent passwd "$HOMEAMP_USER" >/dev/null; then
    step "user: $HOMEAMP_USER exists (home $(getent passwd "$HOMEAMP_USER" | cut -d: -f6)), left as it is"
    SERVICE_GROUP=$(id -gn "$HOMEAMP_USER")
else
    step "user: creating system user $HOMEAMP_USER (home $STATE, shell /usr/sbin/nologin)"
    if getent group "$HOMEAMP_USER" >/dev/null; then group_opt=(--gid "$HOMEAMP_USER"); else group_opt=(--user-group); fi
    run useradd --system "${group_opt[@]}" --home-dir "$STATE" --no-create-home \
        --shell /usr/sbin/nologin --comment "HomeAMP Config Manager" "$HOMEAMP_USER"
    SERVICE_GROUP=$HOMEAMP_USER
fi

SUPPLEMENTARY_LINE="SupplementaryGroups=$HOMEAMP_GROUP_AMP"
if ! getent group "$HOMEAMP_GROUP_AMP" >/dev/null; then
    step "amp group: '$HOMEAMP_GROUP_AMP' does not exist, so AMP is not installed here; $HOMEAMP_USER not added to it"
    warn "group '$HOMEAMP_GROUP_AMP' not found: AMP seems not to be installed on this host. Servers with 'files: local' need it: install AMP, then run $PROG again (or set HOMEAMP_GROUP_AMP)."
    SUPPLEMENTARY_LINE="# SupplementaryGroups=$HOMEAMP_GROUP_AMP  (left out: the group did not exist when install.sh ran)"
elif id -nG "$HOMEAMP_USER" 2>/dev/null | tr ' ' '\n' | grep -qx "$HOMEAMP_GROUP_AMP"; then
    step "amp group: $HOMEAMP_USER is already in '$HOMEAMP_GROUP_AMP'"
else
    step "amp group: adding $HOMEAMP_USER to '$HOMEAMP_GROUP_AMP' (to read and write the instance files)"
    run usermod -a -G "$HOMEAMP_GROUP_AMP" "$HOMEAMP_USER"
fi

# ---- directories -------------------------------------------------------------------------
step "directories: $PREFIX/{lib,report-templates,registry,baselines,jobs,docs} (root, 0755), $STATE ($HOMEAMP_USER, 0750), $ETC (root:$SERVICE_GROUP, 0750)"
run install -d -m 0755 -o root -g root "$PREFIX" "$PREFIX/lib" "$PREFIX/report-templates" \
    "$PREFIX/registry" "$PREFIX/baselines" "$PREFIX/jobs" "$PREFIX/docs"
run install -d -m 0750 -o "$HOMEAMP_USER" -g "$SERVICE_GROUP" "$STATE"
run install -d -m 0750 -o root -g "$SERVICE_GROUP" "$ETC"

# ---- jar and launcher ------------------------------------------------------------------
jar_dst=$PREFIX/lib/homeamp.jar
if [ ! -f "$JAR" ]; then
    step "jar: would install $JAR to $jar_dst (the jar is missing, see above)"
elif [ -f "$jar_dst" ] && cmp -s "$JAR" "$jar_dst"; then
    step "jar: $jar_dst is already this build, unchanged"
else
    if [ -f "$jar_dst" ]; then
        step "jar: updating $jar_dst (the previous one is kept as homeamp.jar.previous)"
        run cp -p "$jar_dst" "$jar_dst.previous"
    else
        step "jar: installing $jar_dst"
    fi
    put "$JAR" "$jar_dst" 0644 root root
fi

launcher=$WORK/launcher
cat >"$launcher" <<EOF
#!/bin/sh
# homeamp launcher, written by install.sh. JVM options: HOMEAMP_JAVA_OPTS (default -Xmx512m).
# shellcheck disable=SC2086 # HOMEAMP_JAVA_OPTS holds several options on purpose
exec java \${HOMEAMP_JAVA_OPTS:--Xmx512m} -jar $PREFIX/lib/homeamp.jar "\$@"
EOF
if [ -f "$HOMEAMP_BIN" ] && cmp -s "$launcher" "$HOMEAMP_BIN"; then
    step "launcher: $HOMEAMP_BIN is up to date"
else
    step "launcher: writing $HOMEAMP_BIN (runs java -jar $PREFIX/lib/homeamp.jar)"
    run install -d -m 0755 "$(dirname "$HOMEAMP_BIN")"
    put "$launcher" "$HOMEAMP_BIN" 0755 root root
fi

# ---- operator-editable content: new files only ------------------------------------------
copy_missing report-templates
copy_missing registry
copy_missing baselines

# ---- job scripts and docs (ours: replaced when they changed) ------------------------------
# What put would do, collected in results[] so the step line can come before the actions.
results=()
plan_put() { if [ -f "$2" ] && cmp -s "$1" "$2"; then results+=(unchanged); elif [ -e "$2" ]; then results+=(updated); else results+=(new); fi; }
scripts=(nightly.sh restart.sh README.md)
for f in "${scripts[@]}"; do plan_put "$REPO/jobs/$f" "$PREFIX/jobs/$f"; done
common=$(localize "$REPO/jobs/common.sh")
plan_put "$common" "$PREFIX/jobs/common.sh"
docs=()
if [ -d "$REPO/docs" ]; then
    while IFS= read -r -d '' f; do docs+=("$f"); done < <(find "$REPO/docs" -maxdepth 1 -type f -name '*.md' -print0 | sort -z)
fi
for f in "${docs[@]}"; do plan_put "$f" "$PREFIX/docs/$(basename "$f")"; done
example=$(localize "$REPO/homeamp.example.yml")
plan_put "$example" "$PREFIX/homeamp.example.yml"
step "jobs and docs: $PREFIX/jobs (nightly.sh, restart.sh), $PREFIX/docs, $PREFIX/homeamp.example.yml: $(tally "${results[@]}")"
for f in "${scripts[@]}"; do
    mode=0644
    case $f in *.sh) mode=0755 ;; esac
    put "$REPO/jobs/$f" "$PREFIX/jobs/$f" "$mode" root root
done
put "$common" "$PREFIX/jobs/common.sh" 0644 root root
for f in "${docs[@]}"; do put "$f" "$PREFIX/docs/$(basename "$f")" 0644 root root; done
put "$example" "$PREFIX/homeamp.example.yml" 0644 root root

# ---- configuration -------------------------------------------------------------------
config=$ETC/homeamp.yml
if [ -e "$config" ]; then
    step "config: $config exists and is kept (never overwritten); the current example is $PREFIX/homeamp.example.yml"
else
    step "config: writing a commented $config from homeamp.example.yml (root:$SERVICE_GROUP, 0640) - edit it before the first run"
    put "$example" "$config" 0640 root "$SERVICE_GROUP"
    NEXT_STEPS+=("edit $config: your servers, AMP URLs, mail addresses (docs: $PREFIX/docs/configuration.md)")
    NEXT_STEPS+=("create each password file it names, e.g.: install -m 600 -o $HOMEAMP_USER -g $SERVICE_GROUP /dev/null $ETC/hetzner.password && nano $ETC/hetzner.password")
fi

env_example=$WORK/homeamp.env.example
cp "$REPO/jobs/homeamp.env.example" "$env_example"
env_file=$ETC/homeamp.env
if [ -e "$env_file" ]; then
    env_mode=$(stat -c %a "$env_file")
    step "environment: $env_file exists (mode $env_mode); example refreshed at $ETC/homeamp.env.example"
    if [ "$env_mode" != 600 ] && [ "$env_mode" != 400 ]; then
        warn "$env_file holds passwords but has mode $env_mode. Fix: chmod 600 $env_file"
    fi
else
    step "environment: $env_file not present; example at $ETC/homeamp.env.example (copy it for password-env and the GitHub token)"
    NEXT_STEPS+=("for password-env servers: install -m 600 $ETC/homeamp.env.example $env_file, then edit it (delete the lines you do not use)")
fi
put "$env_example" "$ETC/homeamp.env.example" 0640 root "$SERVICE_GROUP"

# ---- systemd ---------------------------------------------------------------------------
units_changed=no
if [ -d "$HOMEAMP_SYSTEMD_DIR" ]; then
    results=()
    service=$(localize "$REPO/jobs/homeamp-nightly.service")
    timer=$(localize "$REPO/jobs/homeamp-nightly.timer")
    plan_put "$service" "$HOMEAMP_SYSTEMD_DIR/homeamp-nightly.service"
    plan_put "$timer" "$HOMEAMP_SYSTEMD_DIR/homeamp-nightly.timer"
    step "systemd units: homeamp-nightly.service and .timer in $HOMEAMP_SYSTEMD_DIR: $(tally "${results[@]}")"
    put "$service" "$HOMEAMP_SYSTEMD_DIR/homeamp-nightly.service" 0644 root root
    [ "$PUT" = unchanged ] || units_changed=yes
    put "$timer" "$HOMEAMP_SYSTEMD_DIR/homeamp-nightly.timer" 0644 root root
    [ "$PUT" = unchanged ] || units_changed=yes
else
    step "systemd units: $HOMEAMP_SYSTEMD_DIR does not exist (no systemd here); not installed - run $PREFIX/jobs/nightly.sh from cron instead"
fi

if [ -d /run/systemd/system ] && [ -d "$HOMEAMP_SYSTEMD_DIR" ]; then
    step "timer: systemctl daemon-reload (units ${units_changed/yes/changed}), enable --now homeamp-nightly.timer (04:30 local time)"
    run systemctl daemon-reload
    run systemctl enable --now homeamp-nightly.timer
else
    step "timer: systemd is not running on this machine; not enabled (later: systemctl enable --now homeamp-nightly.timer)"
fi

# ---- final check --------------------------------------------------------------------------
# As the service user, with the service's environment, the way the timer will run it.
as_service_user() {
    local args=("$@")
    (
        if [ -r "$env_file" ]; then
            # shellcheck source=jobs/common.sh
            HOMEAMP_ENV_FILE=$env_file
            . "$REPO/jobs/common.sh"
            homeamp_load_env
        fi
        cd /
        exec runuser -u "$HOMEAMP_USER" -- env PATH="$SYSTEM_PATH" "$HOMEAMP_BIN" "${args[@]}"
    )
}

if is_dry; then
    if [ -f "$JAR" ] && PATH=$SYSTEM_PATH java -jar "$JAR" --help 2>/dev/null | grep -Eq '^[[:space:]]+doctor([[:space:]]|$)'; then
        step "check: homeamp doctor (as $HOMEAMP_USER, with $env_file)"
        run runuser -u "$HOMEAMP_USER" -- "$HOMEAMP_BIN" doctor --config "$config"
    else
        step "check: homeamp --version (as $HOMEAMP_USER; this build has no doctor, or its jar is missing)"
        run runuser -u "$HOMEAMP_USER" -- "$HOMEAMP_BIN" --version
    fi
else
    if "$HOMEAMP_BIN" --help 2>/dev/null | grep -Eq '^[[:space:]]+doctor([[:space:]]|$)'; then
        step "check: homeamp doctor --config $config (as $HOMEAMP_USER)"
        doctor_rc=0
        as_service_user doctor --config "$config" || doctor_rc=$?
        if [ "$doctor_rc" -ne 0 ]; then
            warn "homeamp doctor found problems (exit $doctor_rc); each line above names the fix. After a first install this is expected until homeamp.yml and the passwords are filled in. Run 'homeamp doctor' again when done."
            NEXT_STEPS+=("check again after fixing: run $PROG again (safe to repeat); it ends with homeamp doctor")
        fi
    else
        step "check: $HOMEAMP_BIN --version (as $HOMEAMP_USER; this build has no 'homeamp doctor' yet)"
        version_out=$(as_service_user --version 2>&1) ||
            die "'$HOMEAMP_BIN --version' failed as $HOMEAMP_USER: $version_out. Fix: check java and the permissions of $PREFIX/lib/homeamp.jar"
        echo "      $version_out works. doctor arrives with a later release; until then test the setup with a first run:"
        echo "      systemctl start homeamp-nightly.service; journalctl -u homeamp-nightly -e"
    fi
fi

step "done$(is_dry && echo ' (dry run: nothing was changed)')"
if [ ${#NEXT_STEPS[@]} -gt 0 ]; then
    echo "Next steps:"
    for s in "${NEXT_STEPS[@]}"; do echo "  - $s"; done
fi
if [ ${#DRY_FAILURES[@]} -gt 0 ]; then
    printf '%s: dry run: a real run would stop with:\n' "$PROG" >&2
    printf '  - %s\n' "${DRY_FAILURES[@]}" >&2
    exit 1
fi
