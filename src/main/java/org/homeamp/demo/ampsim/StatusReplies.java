package org.homeamp.demo.ampsim;

import org.homeamp.amp.AmpState;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The answers of a simulated instance's {@code Core/GetStatus} and {@code Core/GetUpdates}, shaped like AMP's. */
final class StatusReplies {

    private StatusReplies() {
    }

    static ObjectNode status(SimulatedInstance instance) {
        AmpState state = instance.appState();
        boolean ready = state == AmpState.READY;
        ObjectNode status = Envelopes.JSON.createObjectNode();
        status.put("State", state.code());
        status.put("Uptime", instance.uptime());
        ObjectNode metrics = status.putObject("Metrics");
        metric(metrics, "CPU Usage", ready ? 7 : 0, 100, "%", "CPU");
        metric(metrics, "Memory Usage", ready ? 2341 : 0, 4096, "MB", "RAM");
        metric(metrics, "Active Users", 0, 100, "", "Users");
        if ("Minecraft".equals(instance.seed().module())) {
            ObjectNode tps = metric(metrics, "TPS", ready ? 20 : 0, 20, "TPS", null);
            tps.put("Percent", 0);
        }
        return status;
    }

    private static ObjectNode metric(ObjectNode metrics, String name, int raw, int max, String units,
            String shortName) {
        ObjectNode metric = metrics.putObject(name);
        metric.put("RawValue", raw);
        metric.put("MaxValue", max);
        metric.put("Percent", raw * 100 / max);
        metric.put("Units", units);
        if (shortName == null) {
            metric.putNull("ShortName");
        } else {
            metric.put("ShortName", shortName);
        }
        return metric;
    }

    static ObjectNode updates(SimulatedInstance instance, SessionStore.Session session) {
        ObjectNode updates = Envelopes.JSON.createObjectNode();
        updates.set("Status", status(instance));
        ArrayNode entries = updates.putArray("ConsoleEntries");
        synchronized (session) {
            SimulatedInstance.ConsoleRead read = instance.readConsole(session.consoleCursor);
            session.consoleCursor = read.nextCursor();
            for (SimulatedInstance.ConsoleLine line : read.lines()) {
                ObjectNode entry = entries.addObject();
                entry.put("Contents", line.contents());
                entry.put("Source", "Console");
                entry.put("SourceId", "");
                entry.put("Timestamp", Envelopes.date(line.timestampMillis()));
                entry.put("Type", "Console");
            }
        }
        updates.putArray("Messages");
        updates.putArray("Ports");
        updates.putArray("Tasks");
        return updates;
    }

}
