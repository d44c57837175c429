package org.homeamp.demo.ampsim;

import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders {@code ADSModule/GetInstances} in the shape of the real K8 sample (AMP 2.5.1): one target per
 * host, each listing its own {@code ADS01} row first, {@code AMPVersion} as an object, and
 * {@code ModuleDisplayName} only on GenericModule rows.
 */
final class InstanceListing {

    private static final int[] AMP_VERSION = {2, 6, 2, 0};

    /** What a target row needs, whether it is this host (live state) or a remote one (its instances.json). */
    record InstanceRow(HostConfig.InstanceSeed seed, boolean running, int appState) {
    }

    private InstanceListing() {
    }

    static ObjectNode target(int id, String targetId, String name, boolean remote, String url, int adsPort,
            List<InstanceRow> rows) {
        ObjectNode target = Envelopes.JSON.createObjectNode();
        target.put("Id", id);
        target.put("InstanceId", targetId);
        target.put("FriendlyName", name);
        target.put("Description", "");
        target.put("Disabled", false);
        target.put("IsRemote", remote);
        ObjectNode platform = target.putObject("Platform");
        ObjectNode cpu = platform.putObject("CPUInfo");
        cpu.put("Sockets", 1);
        cpu.put("Cores", 4);
        cpu.put("Threads", 8);
        cpu.put("Vendor", "AuthenticAMD");
        cpu.put("ModelName", "AMD Ryzen 7 3700X 8-Core Processor");
        cpu.put("TotalCores", 4);
        cpu.put("TotalThreads", 8);
        platform.put("InstalledRAMMB", 65_536);
        platform.put("OS", 2);
        platform.put("PlatformName", "Debian GNU/Linux 12");
        platform.put("SystemType", 1);
        platform.put("Virtualization", 0);
        platform.put("DockerNetworkIsHostMode", false);
        ObjectNode datastore = target.putArray("Datastores").addObject();
        datastore.put("Id", 1);
        datastore.put("FriendlyName", "Default Datastore");
        target.put("CreatesInContainers", false);
        target.put("State", 20);
        target.put("StateReason", "");
        target.put("CanCreate", true);
        target.put("LastUpdated", Envelopes.date(System.currentTimeMillis()));
        ArrayNode available = target.putArray("AvailableInstances");
        available.add(adsRow(targetId, adsPort));
        int index = 0;
        for (InstanceRow row : rows) {
            available.add(instanceRow(targetId, row, index++));
        }
        ArrayNode ips = target.putArray("AvailableIPs");
        ips.add("0.0.0.0");
        ips.add("127.0.0.1");
        ips.add("::1");
        target.putArray("Tags");
        target.put("TagsList", "[]");
        target.put("URL", url);
        return target;
    }

    private static ObjectNode adsRow(String targetId, int port) {
        ObjectNode row = Envelopes.JSON.createObjectNode();
        row.put("InstanceID", targetId);
        row.put("TargetID", targetId);
        row.put("InstanceName", "ADS01");
        row.put("FriendlyName", "ADS");
        row.put("Module", "ADS");
        version(row);
        row.put("IsHTTPS", false);
        row.put("IP", "0.0.0.0");
        row.put("Port", port);
        row.put("Daemon", false);
        row.put("DaemonAutostart", true);
        row.put("ExcludeFromFirewall", false);
        row.put("Running", true);
        row.put("AppState", -1);
        row.putArray("Tags");
        row.put("DiskUsageMB", 0);
        row.put("ReleaseStream", 10);
        row.put("ManagementMode", 0);
        row.put("Suspended", false);
        row.put("IsContainerInstance", false);
        containerFields(row);
        row.putObject("Metrics");
        row.putArray("ApplicationEndpoints");
        ObjectNode args = row.putObject("DeploymentArgs");
        args.put("FileManagerPlugin.SFTP.SFTPIPBinding", "0.0.0.0");
        args.put("FileManagerPlugin.SFTP.SFTPPortNumber", "2223");
        return row;
    }

    private static ObjectNode instanceRow(String targetId, InstanceRow instance, int index) {
        HostConfig.InstanceSeed seed = instance.seed();
        boolean minecraft = "Minecraft".equals(seed.module());
        ObjectNode row = Envelopes.JSON.createObjectNode();
        row.put("InstanceID", seed.instanceId());
        row.put("TargetID", targetId);
        row.put("InstanceName", seed.instanceName());
        row.put("FriendlyName", seed.friendlyName());
        row.put("Description", seed.description());
        row.put("Module", seed.module());
        if ("GenericModule".equals(seed.module())) {
            row.put("ModuleDisplayName", seed.moduleDisplayName() == null ? "Generic" : seed.moduleDisplayName());
        }
        version(row);
        row.put("IsHTTPS", false);
        row.put("IP", "127.0.0.1");
        row.put("Port", seed.port());
        row.put("Daemon", false);
        row.put("DaemonAutostart", true);
        row.put("ExcludeFromFirewall", false);
        row.put("Running", instance.running());
        row.put("AppState", instance.appState());
        row.putArray("Tags");
        row.put("DiskUsageMB", 0);
        row.put("ReleaseStream", 10);
        row.put("ManagementMode", 10);
        row.put("Suspended", false);
        row.put("IsContainerInstance", false);
        containerFields(row);
        row.put("SpecificDockerImage", "");
        boolean ready = instance.running() && instance.appState() == 20;
        ObjectNode metrics = row.putObject("Metrics");
        metric(metrics, "CPU Usage", ready ? 7 : 0, 100, "%", "#239B2D", "#239B2D");
        metric(metrics, "Memory Usage", ready ? 2341 : 0, 4096, "MB", "#246BA0", null);
        metric(metrics, "Active Users", 0, minecraft ? 100 : 999, "", "#7B249E", null);
        int gamePort = (minecraft ? 25565 : 19132) + index;
        int sftpPort = 2224 + index;
        ArrayNode endpoints = row.putArray("ApplicationEndpoints");
        ObjectNode game = endpoints.addObject();
        game.put("DisplayName", minecraft ? "Minecraft Server Address" : "Application Address");
        game.put("Endpoint", "0.0.0.0:" + gamePort);
        game.put("Uri", "");
        ObjectNode sftp = endpoints.addObject();
        sftp.put("DisplayName", "SFTP Server");
        sftp.put("Endpoint", "0.0.0.0:" + sftpPort);
        sftp.put("Uri", "sftp://0.0.0.0:" + sftpPort);
        ObjectNode args = row.putObject("DeploymentArgs");
        args.put("FileManagerPlugin.SFTP.SFTPIPBinding", "0.0.0.0");
        args.put("FileManagerPlugin.SFTP.SFTPPortNumber", Integer.toString(sftpPort));
        if (minecraft) {
            args.put("MinecraftModule.Minecraft.ServerIPBinding", "0.0.0.0");
            args.put("MinecraftModule.Minecraft.PortNumber", Integer.toString(gamePort));
        } else if (seed.moduleDisplayName() != null) {
            args.put("GenericModule.Meta.DisplayName", seed.moduleDisplayName());
        }
        row.put("DisplayImageSource", minecraft ? "internal:MinecraftJava" : "internal:Generic");
        return row;
    }

    private static void version(ObjectNode row) {
        ObjectNode version = row.putObject("AMPVersion");
        version.put("Major", AMP_VERSION[0]);
        version.put("Minor", AMP_VERSION[1]);
        version.put("Build", AMP_VERSION[2]);
        version.put("Revision", AMP_VERSION[3]);
        version.put("MajorRevision", 0);
        version.put("MinorRevision", AMP_VERSION[3]);
    }

    private static void containerFields(ObjectNode row) {
        row.put("ContainerMemoryMB", 0);
        row.put("ContainerSwapMB", 0);
        row.put("ContainerMemoryPolicy", 0);
        row.put("ContainerCPUs", 0.0);
    }

    private static void metric(ObjectNode metrics, String name, int raw, int max, String units, String color,
            String color2) {
        ObjectNode metric = metrics.putObject(name);
        metric.put("RawValue", raw);
        metric.put("MaxValue", max);
        metric.put("Percent", max == 0 ? 0 : raw * 100 / max);
        metric.put("Units", units);
        metric.put("Color", color);
        if (color2 != null) {
            metric.put("Color2", color2);
        }
        metric.put("Color3", "#FFF");
    }
}
