#!/usr/bin/env bash
# Mails that a homeamp unit failed, with its last log lines and the "homeamp restart" line to run.
# Started by homeamp-failure@.service (OnFailure= of homeamp-nightly.service), as root.
# Uses sendmail when present; otherwise writes the mail to the outbox, like homeamp does without SMTP.
set -euo pipefail
unit=${1:?usage: failure-mail.sh UNIT}
to=${HOMEAMP_FAILURE_MAIL_TO:-root}
outbox=${HOMEAMP_OUTBOX:-/var/lib/homeamp/outbox}
host=$(hostname -f 2>/dev/null || hostname)

log=$(journalctl -u "$unit" -n 40 --no-pager -o cat 2>/dev/null || echo "(journalctl could not read the log of $unit)")
restart=$(printf '%s\n' "$log" | grep -o 'homeamp restart [0-9]*' | tail -1 || true)
what=${restart:-"the cause, then: systemctl start $unit"}

mail=$(cat <<MAIL
To: $to
Subject: [homeamp] $unit FAILED on $host
Content-Type: text/plain; charset=UTF-8

$unit failed on $host at $(date '+%Y-%m-%d %H:%M %Z').

Fix the cause (the lines below name it), then run as root:
  /opt/homeamp/jobs/restart.sh${restart:+ ${restart#homeamp restart }}
(that is: $what, as the homeamp user). Work already done is not redone.

Last lines of: journalctl -u $unit
$log
MAIL
)

if command -v sendmail >/dev/null 2>&1; then
    printf '%s\n' "$mail" | sendmail -t
    echo "failure mail about $unit sent to $to"
else
    if [ ! -d "$outbox" ]; then
        mkdir -p "$outbox"
        # we run as root: the outbox must stay the service user's, whose report mails go there too
        chown --reference="$(dirname "$outbox")" "$outbox" 2>/dev/null || true
    fi
    file=$outbox/$(date +%Y%m%d-%H%M%S)-failure-${unit%%.*}.eml
    printf '%s\n' "$mail" >"$file.tmp" && mv "$file.tmp" "$file"
    chown --reference="$outbox" "$file" 2>/dev/null || true
    echo "no sendmail on this host: failure mail about $unit written to $file"
fi
