#!/usr/bin/env bash
# Runs the nightly job now, the way the timer does, and passes homeamp's exit code through.
set -euo pipefail

usage() {
    cat <<USAGE
Usage: $(basename "$0") [--date YYYY-MM-DD] [--server NAME]... [--rerun] [--config FILE]

Runs 'homeamp run nightly' now (discovery, drift scan, update check, download, report, mail).
The date identifies the run (default: today in homeamp.time-zone). A date whose run failed is
resumed; a completed date is left alone unless --rerun.

As root it runs as the service user ($HOMEAMP_USER) with the service's environment
($HOMEAMP_ENV_FILE), so the state dir stays owned by that user.
Config: --config FILE, default $HOMEAMP_CONFIG (env HOMEAMP_CONFIG).

Exit codes (unchanged from homeamp): 0 done, 1 the job failed (run the printed
'homeamp restart <id>' line after fixing the cause), 2 bad usage or configuration.
USAGE
}

# shellcheck source=SCRIPTDIR/common.sh
. "$(dirname "$(readlink -f "$0")")/common.sh"

case ${1:-} in -h | --help) usage; exit 0 ;; esac

rc=0
homeamp_exec run nightly "$@" || rc=$?
homeamp_hint "$rc"
exit "$rc"
