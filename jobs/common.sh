# shellcheck shell=bash
# Shared by jobs/nightly.sh and jobs/restart.sh (sourced, not run). Settings, each overridable:
HOMEAMP_USER=${HOMEAMP_USER:-homeamp}
HOMEAMP_CONFIG=${HOMEAMP_CONFIG:-/etc/homeamp/homeamp.yml}
HOMEAMP_ENV_FILE=${HOMEAMP_ENV_FILE:-/etc/homeamp/homeamp.env}
HOMEAMP_BIN=${HOMEAMP_BIN:-/usr/local/bin/homeamp}

# The launcher: the installed one, else one on PATH.
homeamp_launcher() {
    if [ -x "$HOMEAMP_BIN" ]; then
        printf '%s\n' "$HOMEAMP_BIN"
    elif command -v homeamp >/dev/null 2>&1; then
        command -v homeamp
    else
        echo "$(basename "$0"): no homeamp launcher at $HOMEAMP_BIN or on PATH." \
            "Fix: run install.sh as root, or set HOMEAMP_BIN" >&2
        return 2
    fi
}

# Exports NAME=value lines of the service's environment file, as systemd reads them (comments with
# # or ;, optional quotes). The values are never printed and never put on a command line.
homeamp_load_env() {
    local line name value
    [ -r "$HOMEAMP_ENV_FILE" ] || return 0
    while IFS= read -r line || [ -n "$line" ]; do
        line=${line#"${line%%[![:space:]]*}"}
        case $line in '' | '#'* | ';'*) continue ;; esac
        case $line in *=*) ;; *) continue ;; esac
        name=${line%%=*}
        value=${line#*=}
        [[ $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
        if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then
            value=${BASH_REMATCH[1]}
        fi
        export "$name=$value"
    done <"$HOMEAMP_ENV_FILE"
}

# True when "$@" already holds --config.
homeamp_has_config() {
    local arg
    for arg in "$@"; do
        case $arg in --config | --config=*) return 0 ;; esac
    done
    return 1
}

# Runs the launcher with "$@" as the service user (switching from root with the service's
# environment, so files in the state dir stay owned by the service user), and returns its exit code.
homeamp_exec() {
    local launcher rc
    launcher=$(homeamp_launcher) || return 2
    if ! homeamp_has_config "$@"; then
        set -- "$@" --config "$HOMEAMP_CONFIG"
    fi
    set +e
    if [ "$(id -u)" -eq 0 ] && getent passwd "$HOMEAMP_USER" >/dev/null 2>&1; then
        (homeamp_load_env && cd / && exec runuser -u "$HOMEAMP_USER" -- "$launcher" "$@")
    else
        "$launcher" "$@"
    fi
    rc=$?
    set -e
    return "$rc"
}

# One line of advice after the run; the exit code itself is left untouched by the caller.
homeamp_hint() {
    case $1 in
        1) echo "$(basename "$0"): the job failed (exit 1). Read the lines above, or 'journalctl -u homeamp-nightly'" \
            "for the timer's runs; fix the cause, then run the 'homeamp restart <id>' line printed above." >&2 ;;
        2) echo "$(basename "$0"): bad usage or configuration (exit 2). The lines above name the file, line and fix;" \
            "see docs/configuration.md." >&2 ;;
    esac
}
