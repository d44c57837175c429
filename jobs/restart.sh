#!/usr/bin/env bash
# Resumes a failed or crashed job where it stopped, and passes homeamp's exit code through.
set -euo pipefail

usage() {
    cat <<USAGE
Usage: $(basename "$0") [EXECUTION-ID] [--config FILE]

Runs 'homeamp restart': resumes a failed or crashed job execution where it stopped; work that
is already done is not redone. Without an id: the latest execution that did not complete.
Ids are listed by 'homeamp status' and printed in the failure message of the job.

As root it runs as the service user ($HOMEAMP_USER) with the service's environment
($HOMEAMP_ENV_FILE), so the state dir stays owned by that user.
Config: --config FILE, default $HOMEAMP_CONFIG (env HOMEAMP_CONFIG).

Exit codes (unchanged from homeamp): 0 done (or nothing to restart), 1 the job failed again,
2 bad usage or configuration.
USAGE
}

# shellcheck source=SCRIPTDIR/common.sh
. "$(dirname "$(readlink -f "$0")")/common.sh"

case ${1:-} in -h | --help) usage; exit 0 ;; esac

rc=0
homeamp_exec restart "$@" || rc=$?
homeamp_hint "$rc"
exit "$rc"
