package org.homeamp.updates;

import org.homeamp.batch.JsonReportFile;

/**
 * {@code updates.json} (SPEC §9; schema in docs/output-formats.md): one object per (instance, plugin)
 * result of one check run; the checksum as {@code algorithm:hex}. Written by {@code update-check}
 * and again by {@code download} with the staging state.
 */
public final class UpdatesJsonWriter {
    /** The file, for a check run's id. */
    public static final JsonReportFile FILE = new JsonReportFile("updates.json", "results", """
            SELECT server, instance_name, plugin, installed, latest, state, channel, source,
                   CASE WHEN checksum IS NULL THEN NULL ELSE LOWER(checksum_algorithm) || ':' || checksum END, staged
              FROM update_result WHERE run_id = ? ORDER BY server, instance_name, LOWER(plugin), plugin""",
            "server", "instance", "plugin", "installed", "latest", "state", "channel", "source", "checksum", "staged");

    private UpdatesJsonWriter() {
    }
}
