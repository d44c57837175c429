package org.homeamp.updates;

import java.util.Locale;

import org.homeamp.batch.JsonReportFile;

/**
 * {@code updates.json} (SPEC §9; schema in docs/output-formats.md): one object per (instance, plugin)
 * result of one check run. Written by {@code update-check} and again by {@code download} with the
 * staging state.
 */
public final class UpdatesJsonWriter {
    /** The file, for a check run's id. */
    public static final JsonReportFile FILE = new JsonReportFile("updates.json", "results", """
            SELECT server, instance_name, plugin, installed, latest, state, channel, source, checksum, checksum_algorithm, staged
              FROM update_result WHERE run_id = ? ORDER BY server, instance_name, LOWER(plugin), plugin""", (g, rs) -> {
        g.writeStringProperty("server", rs.getString(1));
        g.writeStringProperty("instance", rs.getString(2));
        g.writeStringProperty("plugin", rs.getString(3));
        g.writeStringProperty("installed", rs.getString(4));
        g.writeStringProperty("latest", rs.getString(5));
        g.writeStringProperty("state", rs.getString(6));
        g.writeStringProperty("channel", rs.getString(7));
        g.writeStringProperty("source", rs.getString(8));
        String checksum = rs.getString(9);
        g.writeStringProperty("checksum", checksum == null ? null : rs.getString(10).toLowerCase(Locale.ROOT) + ":" + checksum);
        g.writeStringProperty("staged", rs.getString(11));
    });

    private UpdatesJsonWriter() {
    }
}
