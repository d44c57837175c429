#!/usr/bin/env bash
# shellcheck disable=SC2031 # jobs/common.sh, sourced in a subshell below, keeps our HOMEAMP_* values
# Installs HomeAMP Config Manager on a Debian 12/13 host. Run as root from the unpacked release zip
# (or a checkout after 'mvn -B -DskipTests package'). Safe to run again: it upgrades what it owns
# and never overwrites a file an operator edited (config, baselines, registry, report templates):
# it knows what it installed last time from a manifest of checksums, and puts the new version
# beside an edited file as <file>.new.
set -euo pipefail

# ---- settings (override with environment variables) -------------------------------------------
HOMEAMP_USER=${HOMEAMP_USER:-homeamp}                 # service user (created; home = state dir)
HOMEAMP_GROUP_AMP=${HOMEAMP_GROUP_AMP:-amp}           # AMP's group; the service user joins it
HOMEAMP_ETC=${HOMEAMP_ETC:-/etc/homeamp}              # homeamp.yml, homeamp.env, nightly.env, password files
HOMEAMP_STATE=${HOMEAMP_STATE:-/var/lib/homeamp}      # job database, logs, staging, backups, reports
HOMEAMP_JAR=${HOMEAMP_JAR:-target/homeamp.jar}        # the built jar (relative: to this folder)
HOMEAMP_PREFIX=${HOMEAMP_PREFIX:-/opt/homeamp}        # program files (--prefix)
HOMEAMP_BIN=${HOMEAMP_BIN:-/usr/local/bin/homeamp}    # the launcher
HOMEAMP_SYSTEMD_DIR=${HOMEAMP_SYSTEMD_DIR:-/etc/systemd/system}
HOMEAMP_INSTANCES_DIR=${HOMEAMP_INSTANCES_DIR:-/home/amp/.ampdata/instances}  # writable for the sandboxed service
HOMEAMP_MIN_JAVA=17

# The PATH the systemd service runs with: the java found there is the one the timer will use.
readonly SYSTEM_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
PATH="$PATH:/usr/sbin:/sbin"   # useradd and usermod, also under plain 'su'

REPO=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
PROG=$(basename "$0")
MODE=install
DRY_RUN=no
PURGE=no
ROOT=
RUN_DOCTOR=yes
CDS=yes
ORIG_ARGS="$*"
STEP=0
DRY_FAILURES=()
NEXT_STEPS=()

usage() {
    cat <<EOF
Usage: $PROG [--prefix DIR] [--root DIR] [--dry-run] [--no-cds] [--skip-doctor]
       $PROG --uninstall [--purge] [--root DIR] [--dry-run]

Installs HomeAMP Config Manager on this Debian host (run as root, from the unpacked release zip
or a checkout after 'mvn -B -DskipTests package'). Safe to run again after every update.

  --prefix DIR   program files (jar, baselines, registry, report templates, jobs, docs);
                 default $HOMEAMP_PREFIX
  --root DIR     install into DIR as if it were / (a staging root, for tests and packaging):
                 no user is created, nothing is chowned, systemctl is not run; root not needed
  --dry-run      print every action and change nothing (root not needed)
  --no-cds       skip the class-data-sharing training run (faster install, slower start-up)
  --skip-doctor  do not end with 'homeamp doctor'
  --uninstall    remove what install.sh installed; keeps $HOMEAMP_STATE and $HOMEAMP_ETC, and
                 files you edited, unless --purge (which also removes the user $HOMEAMP_USER)
  -h, --help     this text

What it does: checks Java $HOMEAMP_MIN_JAVA+ and the jar; creates the system user $HOMEAMP_USER (home
$HOMEAMP_STATE, no login shell) in the group $HOMEAMP_GROUP_AMP; creates $HOMEAMP_STATE (0750) and $HOMEAMP_ETC;
installs the jar, the launcher $HOMEAMP_BIN, report templates, registry and baselines, a commented
$HOMEAMP_ETC/homeamp.yml and empty password files (0600) when absent, and the systemd units; enables the
nightly timer; ends with 'homeamp doctor'. A file you edited is never overwritten: the new version
is put beside it as <file>.new. What was installed is listed in $HOMEAMP_PREFIX/.install-manifest.

Environment overrides (defaults shown):
  HOMEAMP_USER=$HOMEAMP_USER  HOMEAMP_GROUP_AMP=$HOMEAMP_GROUP_AMP  HOMEAMP_ETC=$HOMEAMP_ETC
  HOMEAMP_STATE=$HOMEAMP_STATE  HOMEAMP_JAR=$HOMEAMP_JAR  HOMEAMP_PREFIX=$HOMEAMP_PREFIX
  HOMEAMP_BIN=$HOMEAMP_BIN  HOMEAMP_SYSTEMD_DIR=$HOMEAMP_SYSTEMD_DIR
  HOMEAMP_INSTANCES_DIR=$HOMEAMP_INSTANCES_DIR

Exit codes: 0 installed, 1 failed (the message says why and what to do), 2 bad usage.
EOF
}

# ---- output -----------------------------------------------------------------------------------
step() {
    STEP=$((STEP + 1))
    printf '[%2d] %s\n' "$STEP" "$*"
}
note() { printf '      %s\n' "$*"; }
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
staged() { [ -n "$ROOT" ]; }

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
need_value() { if [ $# -lt 2 ] || [ -z "$2" ]; then usage_error "$1 needs a directory"; fi; }
while [ $# -gt 0 ]; do
    case $1 in
        -h | --help) usage; exit 0 ;;
        --dry-run) DRY_RUN=yes ;;
        --uninstall) MODE=uninstall ;;
        --purge) PURGE=yes ;;
        --no-cds) CDS=no ;;
        --skip-doctor) RUN_DOCTOR=no ;;
        --prefix) need_value "$@"; HOMEAMP_PREFIX=$2; shift ;;
        --prefix=*) HOMEAMP_PREFIX=${1#--prefix=} ;;
        --root) need_value "$@"; ROOT=$2; shift ;;
        --root=*) ROOT=${1#--root=} ;;
        *) usage_error "unknown argument '$1'" ;;
    esac
    shift
done
if [ "$PURGE" = yes ] && [ "$MODE" != uninstall ]; then usage_error "--purge only goes with --uninstall"; fi
for var in HOMEAMP_PREFIX HOMEAMP_ETC HOMEAMP_STATE HOMEAMP_BIN HOMEAMP_SYSTEMD_DIR HOMEAMP_INSTANCES_DIR; do
    case ${!var} in
        /*) ;;
        *) usage_error "$var must be an absolute path, not '${!var}'" ;;
    esac
    # No trailing slash, so that paths written into files look as an operator would type them.
    [ "${!var}" = / ] || printf -v "$var" '%s' "${!var%/}"
done
if staged; then
    case $ROOT in /*) ;; *) ROOT=$(pwd)/$ROOT ;; esac
    ROOT=${ROOT%/}
    [ -n "$ROOT" ] || usage_error "--root / is the real system: leave --root out"
fi
case $HOMEAMP_JAR in
    /*) JAR=$HOMEAMP_JAR ;;
    *) JAR=$REPO/$HOMEAMP_JAR ;;
esac
PREFIX=$HOMEAMP_PREFIX
ETC=$HOMEAMP_ETC
STATE=$HOMEAMP_STATE
MANIFEST=$PREFIX/.install-manifest

# The path on disk of a path of the installed system ($ROOT in front in a staging root).
R() { printf '%s%s' "$ROOT" "$1"; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/homeamp-install.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

sha() { sha256sum "$1" | cut -d' ' -f1; }

# ---- the manifest: what install.sh installed last time, path -> sha256 --------------------------
declare -A OLD=() NEW=()
if [ -f "$(R "$MANIFEST")" ]; then
    while read -r sum path; do
        [ -n "$path" ] && OLD[$path]=$sum
    done <"$(R "$MANIFEST")"
fi

write_manifest() {
    local tmp=$WORK/manifest path
    : >"$tmp"
    for path in "${!OLD[@]}"; do [ -n "${NEW[$path]+x}" ] || NEW[$path]=${OLD[$path]}; done
    for path in "${!NEW[@]}"; do printf '%s %s\n' "${NEW[$path]}" "$path"; done | LC_ALL=C sort -k2 >"$tmp"
    if [ -f "$(R "$MANIFEST")" ] && cmp -s "$tmp" "$(R "$MANIFEST")"; then return 0; fi
    run install -D -m 0644 "$tmp" "$(R "$MANIFEST").install-new"
    run mv -f "$(R "$MANIFEST").install-new" "$(R "$MANIFEST")"
}

# install(1) with owner and group only on a real system (a staging root is not ours to chown).
put_file() {
    local src=$1 dst=$2 mode=$3 owner=$4 group=$5
    local own=(-o "$owner" -g "$group")
    staged && own=()
    run install -D -m "$mode" "${own[@]}" "$src" "$dst.install-new"
    run mv -f "$dst.install-new" "$dst"
}

# A file install.sh owns (jar, launcher, scripts, units, docs): replaced when it changed.
# Sets PUT to new, updated or unchanged.
PUT=
own() {
    local src=$1 path=$2 mode=$3 owner=${4:-root} group=${5:-root} dst
    dst=$(R "$path")
    NEW[$path]=$(sha "$src")
    if [ -f "$dst" ] && cmp -s "$src" "$dst"; then
        PUT=unchanged
        return 0
    fi
    if [ -e "$dst" ]; then PUT=updated; else PUT=new; fi
    put_file "$src" "$dst" "$mode" "$owner" "$group"
}

# A file an operator may edit (config, baselines, registry, templates, nightly.env). Installed when
# absent; upgraded when it is still what install.sh put there last time; otherwise kept, with the
# new version beside it as <file>.new. Counts into EDITABLE_*.
EDITABLE_NEW=0 EDITABLE_UPDATED=0 EDITABLE_SAME=0 EDITABLE_KEPT=0
KEPT_FILES=()
editable() {
    local src=$1 path=$2 mode=$3 owner=${4:-root} group=${5:-root} dst shipped current
    dst=$(R "$path")
    shipped=$(sha "$src")
    if [ ! -e "$dst" ]; then
        put_file "$src" "$dst" "$mode" "$owner" "$group"
        NEW[$path]=$shipped
        EDITABLE_NEW=$((EDITABLE_NEW + 1))
        return 0
    fi
    current=$(sha "$dst")
    if [ "$current" = "$shipped" ]; then
        NEW[$path]=$shipped
        EDITABLE_SAME=$((EDITABLE_SAME + 1))
        # the operator took the .new over (or it was never needed): it is done with
        if [ -f "$dst.new" ] && cmp -s "$src" "$dst.new"; then run rm -f "$dst.new"; unset "NEW[$path.new]"; unset "OLD[$path.new]"; fi
        return 0
    fi
    if [ -n "${OLD[$path]+x}" ] && [ "$current" = "${OLD[$path]}" ]; then
        # unedited since the last install: ours to upgrade
        put_file "$src" "$dst" "$mode" "$owner" "$group"
        NEW[$path]=$shipped
        EDITABLE_UPDATED=$((EDITABLE_UPDATED + 1))
        return 0
    fi
    # edited by the operator (or there before any manifest): never overwritten
    EDITABLE_KEPT=$((EDITABLE_KEPT + 1))
    [ -n "${OLD[$path]+x}" ] || NEW[$path]=unknown-before-manifest
    if [ -n "${OLD[$path]+x}" ] && [ "${OLD[$path]}" = "$shipped" ]; then
        return 0   # this release brings nothing new for it: the edit simply stands
    fi
    if [ -f "$dst.new" ] && cmp -s "$src" "$dst.new"; then
        NEW[$path.new]=$shipped
        return 0
    fi
    put_file "$src" "$dst.new" 0644 root root
    NEW[$path.new]=$shipped
    KEPT_FILES+=("$path")
}

report_editable() {
    step "$1: $EDITABLE_NEW new, $EDITABLE_UPDATED upgraded, $EDITABLE_SAME unchanged, $EDITABLE_KEPT edited by you and kept"
    local f
    for f in "${KEPT_FILES[@]}"; do
        note "kept your $f; this release's version is beside it: $f.new (compare: diff -u $f $f.new)"
    done
    EDITABLE_NEW=0 EDITABLE_UPDATED=0 EDITABLE_SAME=0 EDITABLE_KEPT=0
    KEPT_FILES=()
}

# Copies a file to $WORK with this install's paths and names in place of the defaults
# (they only differ when HOMEAMP_* or --prefix were given); prints the copy's path.
sed_escape() { printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'; }
localize() {
    local src=$1 out
    out=$WORK/$(basename "$src")
    sed -e "s|/etc/homeamp|$(sed_escape "$ETC")|g" \
        -e "s|/var/lib/homeamp|$(sed_escape "$STATE")|g" \
        -e "s|/opt/homeamp|$(sed_escape "$PREFIX")|g" \
        -e "s|/usr/local/bin/homeamp|$(sed_escape "$HOMEAMP_BIN")|g" \
        -e "s|/home/amp/.ampdata/instances|$(sed_escape "$HOMEAMP_INSTANCES_DIR")|g" \
        -e "s|^User=homeamp\$|User=$(sed_escape "$HOMEAMP_USER")|" \
        -e "s|^Group=homeamp\$|Group=$(sed_escape "$SERVICE_GROUP")|" \
        -e "s|^SupplementaryGroups=amp\$|$(sed_escape "$SUPPLEMENTARY_LINE")|" \
        -e "s|HOMEAMP_USER:-homeamp}|HOMEAMP_USER:-$(sed_escape "$HOMEAMP_USER")}|" \
        "$src" >"$out"
    printf '%s\n' "$out"
}

java_major() {
    local version
    version=$(PATH=$SYSTEM_PATH java -version 2>&1 | awk -F'"' '/version/ { print $2; exit }')
    case $version in 1.*) version=${version#1.} ;; esac
    printf '%s\n' "${version%%[!0-9]*}"
}

# ---- uninstall ----------------------------------------------------------------------------
uninstall() {
    if ! staged && ! is_dry && [ "$(id -u)" -ne 0 ]; then die "run me as root: sudo $0 $ORIG_ARGS"; fi
    [ ${#OLD[@]} -gt 0 ] || die "no manifest at $(R "$MANIFEST"): nothing installed by install.sh here (or --prefix differs)"
    if ! staged && [ -d /run/systemd/system ]; then
        step "timer: systemctl disable --now homeamp-nightly.timer (and homeamp-worker.service, if it runs here)"
        run systemctl disable --now homeamp-nightly.timer || true
        run systemctl disable --now homeamp-worker.service 2>/dev/null || true
    fi
    local path removed=0 kept=0 state_or_etc
    for path in "${!OLD[@]}"; do
        [ -e "$(R "$path")" ] || continue
        case $path in "$ETC"/* | "$STATE"/*) state_or_etc=yes ;; *) state_or_etc=no ;; esac
        if [ "$PURGE" = no ] && [ "$state_or_etc" = yes ]; then
            kept=$((kept + 1))
        elif [ "$PURGE" = no ] && [ "$(sha "$(R "$path")")" != "${OLD[$path]}" ]; then
            note "kept $path: you edited it (remove it yourself, or use --purge)"
            kept=$((kept + 1))
        else
            run rm -f "$(R "$path")"
            removed=$((removed + 1))
        fi
    done
    step "files: $removed removed, $kept kept (config in $ETC$([ "$PURGE" = yes ] || echo ', and files you edited'))"
    run rm -rf "$(R "$PREFIX/lib")"
    run rm -f "$(R "$MANIFEST")"
    # folders left empty by the removal (never one holding something we did not remove)
    run find "$(R "$PREFIX")" -depth -type d -empty -delete 2>/dev/null || true
    run rmdir "$(R "$HOMEAMP_SYSTEMD_DIR/homeamp-nightly.timer.d")" 2>/dev/null || true
    if [ "$PURGE" = yes ]; then
        step "purge: removing $STATE (job database, reports, backups) and $ETC (config, passwords)"
        run rm -rf "$(R "$STATE")" "$(R "$ETC")"
        if ! staged && getent passwd "$HOMEAMP_USER" >/dev/null; then
            run userdel "$HOMEAMP_USER"
        fi
    else
        step "kept: $STATE (job database, reports, backups) and $ETC (config, passwords); remove them with --uninstall --purge"
    fi
    if ! staged && [ -d /run/systemd/system ]; then run systemctl daemon-reload; fi
    step "uninstalled$(is_dry && echo ' (dry run: nothing was changed)')"
}

if [ "$MODE" = uninstall ]; then
    uninstall
    exit 0
fi

# ---- checks, before anything is changed ----------------------------------------------------
if is_dry; then
    echo "Dry run: nothing is changed; every command a real run would execute is shown as 'would run'."
fi
if staged; then
    step "root: installing into the staging root $ROOT (no user, no chown, no systemctl)"
elif [ "$(id -u)" -eq 0 ]; then
    step "root: running as root"
elif is_dry; then
    step "root: not root, which is fine for --dry-run (a real run needs root: sudo $0)"
else
    die "run me as root: sudo $0 $ORIG_ARGS"
fi

java_hint="install it with: apt-get install openjdk-17-jre-headless (Debian 13: openjdk-21-jre-headless)"
if ! PATH=$SYSTEM_PATH command -v java >/dev/null 2>&1; then
    step "java: not found on the system PATH ($SYSTEM_PATH)"
    if ! staged && ! is_dry && [ -t 0 ] && command -v apt-get >/dev/null 2>&1; then
        read -r -p "      Install openjdk-17-jre-headless now with apt-get? [y/N] " answer
        case $answer in
            [yY]*) pkg=openjdk-17-jre-headless
                apt-cache show "$pkg" >/dev/null 2>&1 || pkg=openjdk-21-jre-headless
                apt-get install -y "$pkg" ;;
        esac
    fi
    PATH=$SYSTEM_PATH command -v java >/dev/null 2>&1 ||
        fail_check "Java $HOMEAMP_MIN_JAVA or newer is needed and 'java' was not found. Fix: $java_hint"
fi
if PATH=$SYSTEM_PATH command -v java >/dev/null 2>&1; then
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
    fail_check "the jar $JAR does not exist. Fix: unpack the whole release zip, or build it first: cd $REPO && mvn -B -DskipTests package (or set HOMEAMP_JAR)"
fi

missing_sources=()
for f in homeamp.example.yml jobs/homeamp-nightly.service jobs/homeamp-nightly.timer jobs/homeamp-failure@.service jobs/homeamp-worker.service \
    jobs/homeamp.env.example jobs/nightly.env.example jobs/nightly.sh jobs/restart.sh jobs/common.sh jobs/failure-mail.sh jobs/README.md; do
    [ -f "$REPO/$f" ] || missing_sources+=("$f")
done
if [ ${#missing_sources[@]} -eq 0 ]; then
    step "sources: $REPO has the example config and the jobs/ files"
else
    step "sources: $REPO lacks ${missing_sources[*]}"
    fail_check "this is not a complete release. Fix: unpack the release zip again and run its install.sh"
fi

# ---- service user ----------------------------------------------------------------------
SUPPLEMENTARY_LINE="SupplementaryGroups=$HOMEAMP_GROUP_AMP"
if staged; then
    step "user: staging root, so no user is created; a real install creates system user $HOMEAMP_USER in group $HOMEAMP_GROUP_AMP"
    SERVICE_GROUP=$HOMEAMP_USER
elif getent passwd "$HOMEAMP_USER" >/dev/null; then
    step "user: $HOMEAMP_USER exists (home $(getent passwd "$HOMEAMP_USER" | cut -d: -f6)), left as it is"
    SERVICE_GROUP=$(id -gn "$HOMEAMP_USER")
else
    step "user: creating system user $HOMEAMP_USER (home $STATE, shell /usr/sbin/nologin)"
    if getent group "$HOMEAMP_USER" >/dev/null; then group_opt=(--gid "$HOMEAMP_USER"); else group_opt=(--user-group); fi
    run useradd --system "${group_opt[@]}" --home-dir "$STATE" --no-create-home \
        --shell /usr/sbin/nologin --comment "HomeAMP Config Manager" "$HOMEAMP_USER"
    SERVICE_GROUP=$HOMEAMP_USER
fi

if staged; then
    :
elif ! getent group "$HOMEAMP_GROUP_AMP" >/dev/null; then
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
step "directories: $PREFIX (root, 0755), $STATE ($HOMEAMP_USER, 0750), $ETC (root:$SERVICE_GROUP, 0750)"
if staged; then
    run install -d -m 0755 "$(R "$PREFIX")" "$(R "$PREFIX/lib")" "$(R "$(dirname "$HOMEAMP_BIN")")" "$(R "$HOMEAMP_SYSTEMD_DIR")"
    run install -d -m 0750 "$(R "$STATE")" "$(R "$ETC")"
else
    run install -d -m 0755 -o root -g root "$PREFIX" "$PREFIX/lib"
    run install -d -m 0750 -o "$HOMEAMP_USER" -g "$SERVICE_GROUP" "$STATE"
    run install -d -m 0750 -o root -g "$SERVICE_GROUP" "$ETC"
fi

# ---- jar, class-data-sharing archive and launcher ---------------------------------------------
jar_dst=$PREFIX/lib/homeamp.jar
app_jar=$PREFIX/lib/app/homeamp.jar
jsa=$PREFIX/lib/homeamp.jsa
if [ ! -f "$JAR" ]; then
    step "jar: would install $JAR to $jar_dst (the jar is missing, see above)"
else
    own "$JAR" "$jar_dst" 0644
    jar_changed=$PUT
    if [ "$jar_changed" = unchanged ] && [ -f "$(R "$app_jar")" ]; then
        step "jar: $jar_dst is already this build, unchanged"
    else
        # Spring Boot's CDS needs the jar unpacked (classes from nested jars cannot be archived);
        # unpacked beside and renamed into place, so a running job keeps a whole copy.
        step "jar: $jar_dst $jar_changed; unpacking it to $PREFIX/lib/app for fast start-up"
        if ! is_dry; then
            rm -rf "$(R "$PREFIX/lib/app.new")"
            PATH=$SYSTEM_PATH java -Djarmode=tools -jar "$(R "$jar_dst")" extract --destination "$(R "$PREFIX/lib/app.new")" >/dev/null
            rm -rf "$(R "$PREFIX/lib/app")" "$(R "$jsa")" "$(R "$jsa").stamp"
            mv "$(R "$PREFIX/lib/app.new")" "$(R "$PREFIX/lib/app")"
        fi
    fi
    # The archive of classes a start-up loads (Java's class-data sharing): recorded by one training
    # run, used by the launcher while the stamp still matches the unpacked jar.
    if [ "$CDS" = no ]; then
        step "start-up archive: skipped (--no-cds); the launcher starts without it"
    elif [ -f "$(R "$jsa")" ]; then
        step "start-up archive: $jsa is up to date"
    else
        step "start-up archive: training run ('homeamp status' on a throwaway state dir) to record $jsa"
        if ! is_dry; then
            # status starts what every command starts (config, Spring, the job database) and contacts nothing
            mkdir -p "$WORK/train/baselines" "$WORK/train/registry"
            printf '%s\n' "homeamp:" "  state-dir: $WORK/train/state" "  baselines-dir: $WORK/train/baselines" \
                "  registry-dir: $WORK/train/registry" "  servers:" "    - name: training" "      amp-url: http://127.0.0.1:9" \
                "      username: homeamp" "      password-env: HOMEAMP_TRAINING_PASSWORD" "      files: amp-api" >"$WORK/train/homeamp.yml"
            (cd "$WORK/train" && HOMEAMP_TRAINING_PASSWORD=unused PATH=$SYSTEM_PATH java -XX:ArchiveClassesAtExit="$(R "$jsa")" \
                -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$(R "$app_jar")" status --config "$WORK/train/homeamp.yml" >/dev/null 2>&1) ||
                warn "the training run failed; the launcher starts without the archive"
            [ -f "$(R "$jsa")" ] && stat -c '%s %Y' "$(R "$app_jar")" >"$(R "$jsa").stamp"
        fi
    fi
fi

launcher=$WORK/launcher
cat >"$launcher" <<EOF
#!/bin/sh
# homeamp launcher, written by install.sh. JVM options: HOMEAMP_JAVA_OPTS (default -Xmx512m).
# HOMEAMP_HOME (default $PREFIX) holds lib/; the class-data-sharing archive lib/homeamp.jsa is used
# while lib/homeamp.jsa.stamp still matches the unpacked jar (size and time), else Java starts without it.
home=\${HOMEAMP_HOME:-$PREFIX}
jar=\$home/lib/app/homeamp.jar
[ -f "\$jar" ] || jar=\$home/lib/homeamp.jar
cds=
if [ -f "\$home/lib/homeamp.jsa" ] && [ "\$(cat "\$home/lib/homeamp.jsa.stamp" 2>/dev/null)" = "\$(stat -c '%s %Y' "\$jar" 2>/dev/null)" ]; then
    cds="-XX:SharedArchiveFile=\$home/lib/homeamp.jsa -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
fi
# shellcheck disable=SC2086 # HOMEAMP_JAVA_OPTS and cds hold several options on purpose
exec java \${HOMEAMP_JAVA_OPTS:--Xmx512m} \$cds -jar "\$jar" "\$@"
EOF
own "$launcher" "$HOMEAMP_BIN" 0755
step "launcher: $HOMEAMP_BIN $PUT (runs java -jar $app_jar)"

# ---- operator-editable content ------------------------------------------------------------
for dir in report-templates registry baselines; do
    if [ -d "$REPO/$dir" ]; then
        while IFS= read -r -d '' f; do
            editable "$f" "$PREFIX/$dir/${f#"$REPO/$dir"/}" 0644
        done < <(find "$REPO/$dir" -type f -print0 | LC_ALL=C sort -z)
    fi
    report_editable "$dir ($PREFIX/$dir)"
done

# ---- job scripts, units' helpers and docs (ours: replaced when they changed) --------------------
results=()
for f in nightly.sh restart.sh failure-mail.sh README.md; do
    mode=0644
    case $f in *.sh) mode=0755 ;; esac
    own "$(localize "$REPO/jobs/$f")" "$PREFIX/jobs/$f" "$mode"
    results+=("$PUT")
done
own "$(localize "$REPO/jobs/common.sh")" "$PREFIX/jobs/common.sh" 0644
results+=("$PUT")
if [ -d "$REPO/docs" ]; then
    while IFS= read -r -d '' f; do
        own "$f" "$PREFIX/docs/${f#"$REPO/docs"/}" 0644
        results+=("$PUT")
    done < <(find "$REPO/docs" -type f -print0 | LC_ALL=C sort -z)
fi
example=$(localize "$REPO/homeamp.example.yml")
own "$example" "$PREFIX/homeamp.example.yml" 0644
results+=("$PUT")
new=0 updated=0 unchanged=0
for r in "${results[@]}"; do
    case $r in new) new=$((new + 1)) ;; updated) updated=$((updated + 1)) ;; *) unchanged=$((unchanged + 1)) ;; esac
done
step "jobs and docs: $PREFIX/jobs, $PREFIX/docs, $PREFIX/homeamp.example.yml: $new new, $updated updated, $unchanged unchanged"

# ---- configuration -------------------------------------------------------------------
config=$ETC/homeamp.yml
fresh_config=no
[ -e "$(R "$config")" ] || fresh_config=yes
editable "$example" "$config" 0640 root "$SERVICE_GROUP"
env_example=$(localize "$REPO/jobs/nightly.env.example")
editable "$env_example" "$ETC/nightly.env" 0644
report_editable "config ($config, $ETC/nightly.env)"
if [ "$fresh_config" = yes ]; then
    NEXT_STEPS+=("edit $config: your servers, AMP URLs, mail addresses (docs: $PREFIX/docs/configuration.md)")
fi

# Password files the config names: created empty and private, never touched again.
created=()
pw_source=$(R "$config")
is_dry && [ ! -f "$pw_source" ] && pw_source=$example   # what a real run would have written just now
if [ -f "$pw_source" ]; then
    while read -r pwfile; do
        case $pwfile in /*) ;; *) continue ;; esac
        [ -e "$(R "$pwfile")" ] && continue
        if staged; then
            run install -D -m 0600 /dev/null "$(R "$pwfile")"
        else
            run install -D -m 0600 -o "$HOMEAMP_USER" -g "$SERVICE_GROUP" /dev/null "$pwfile"
        fi
        created+=("$pwfile")
    done < <(sed -n 's/^[[:space:]]*password-file:[[:space:]]*\([^#[:space:]]*\).*/\1/p' "$pw_source")
fi
if [ ${#created[@]} -gt 0 ]; then
    step "password files: created empty, mode 0600: ${created[*]}"
    NEXT_STEPS+=("write each AMP password into its file (one line): ${created[*]}")
else
    step "password files: every password-file in $config exists (left as it is)"
fi

env_file=$ETC/homeamp.env
own "$REPO/jobs/homeamp.env.example" "$ETC/homeamp.env.example" 0640 root "$SERVICE_GROUP"
if [ -e "$(R "$env_file")" ]; then
    env_mode=$(stat -c %a "$(R "$env_file")")
    step "environment: $env_file exists (mode $env_mode); example at $ETC/homeamp.env.example"
    if [ "$env_mode" != 600 ] && [ "$env_mode" != 400 ]; then
        warn "$env_file holds passwords but has mode $env_mode. Fix: chmod 600 $env_file"
    fi
else
    step "environment: $env_file not present; example at $ETC/homeamp.env.example (for password-env and the GitHub token)"
    NEXT_STEPS+=("for password-env servers: install -m 600 $ETC/homeamp.env.example $env_file, then edit it (delete the lines you do not use)")
fi

# ---- systemd ---------------------------------------------------------------------------
nightly_time=03:30
if [ -f "$(R "$ETC/nightly.env")" ]; then
    t=$(sed -n 's/^HOMEAMP_NIGHTLY_TIME=["'\'']*\([^"'\'']*\).*/\1/p' "$(R "$ETC/nightly.env")" | tail -1)
    if [[ $t =~ ^([01][0-9]|2[0-3]):[0-5][0-9]$ ]]; then
        nightly_time=$t
    elif [ -n "$t" ]; then
        warn "HOMEAMP_NIGHTLY_TIME='$t' in $ETC/nightly.env is not HH:MM; the timer keeps $nightly_time. Fix: write e.g. HOMEAMP_NIGHTLY_TIME=03:30, then run $PROG again"
    fi
fi
units_changed=no
unit_results=()
# homeamp-worker.service is installed but not enabled: only hosts of a PostgreSQL setup run it (docs/scaling.md)
for unit in homeamp-nightly.service homeamp-nightly.timer homeamp-failure@.service homeamp-worker.service; do
    own "$(localize "$REPO/jobs/$unit")" "$HOMEAMP_SYSTEMD_DIR/$unit" 0644
    unit_results+=("$PUT")
    [ "$PUT" = unchanged ] || units_changed=yes
done
dropin=$WORK/time.conf
printf '# Written by install.sh from HOMEAMP_NIGHTLY_TIME in %s; edit that file and run install.sh again.\n[Timer]\nOnCalendar=\nOnCalendar=*-*-* %s:00\n' \
    "$ETC/nightly.env" "$nightly_time" >"$dropin"
own "$dropin" "$HOMEAMP_SYSTEMD_DIR/homeamp-nightly.timer.d/time.conf" 0644
[ "$PUT" = unchanged ] || units_changed=yes
step "systemd units in $HOMEAMP_SYSTEMD_DIR: ${unit_results[*]}; nightly at $nightly_time (from $ETC/nightly.env)"

if staged; then
    step "timer: staging root; a real install runs: systemctl daemon-reload && systemctl enable --now homeamp-nightly.timer"
elif [ -d /run/systemd/system ]; then
    step "timer: systemctl daemon-reload (units ${units_changed/yes/changed}), enable --now homeamp-nightly.timer"
    run systemctl daemon-reload
    run systemctl enable --now homeamp-nightly.timer
else
    step "timer: systemd is not running on this machine; not enabled (later: systemctl enable --now homeamp-nightly.timer)"
fi

write_manifest

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

if [ "$RUN_DOCTOR" = no ]; then
    step "check: skipped (--skip-doctor); run it later: homeamp doctor"
elif is_dry; then
    step "check: homeamp doctor (as $HOMEAMP_USER, with $env_file)"
    run runuser -u "$HOMEAMP_USER" -- "$HOMEAMP_BIN" doctor --config "$config"
else
    doctor_rc=0
    if staged; then
        doctor_config=${HOMEAMP_DOCTOR_CONFIG:-$(R "$config")}
        step "check: homeamp doctor --config $doctor_config (staging root: as $(id -un), jar from $(R "$PREFIX"))"
        HOMEAMP_HOME=$(R "$PREFIX") "$(R "$HOMEAMP_BIN")" doctor --config "$doctor_config" || doctor_rc=$?
    else
        step "check: homeamp doctor --config $config (as $HOMEAMP_USER)"
        as_service_user doctor --config "$config" || doctor_rc=$?
    fi
    if [ "$doctor_rc" -ne 0 ]; then
        warn "homeamp doctor found problems (exit $doctor_rc); each FAIL line above names its fix. After a first install this is expected until homeamp.yml and the passwords are filled in."
        NEXT_STEPS+=("check again after fixing: homeamp doctor (or run $PROG again: it is safe to repeat and ends with doctor)")
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
