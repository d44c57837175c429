package org.homeamp.inventory;

/** One jar to inspect in a discovery run; {@code fileName} is relative to the instance's {@code plugins/} folder. */
public record WorkItem(String server, String instanceName, String instanceId, String fileName, long size) {
    public String path() {
        return "plugins/" + fileName;
    }
}
