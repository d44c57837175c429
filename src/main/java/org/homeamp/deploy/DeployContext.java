package org.homeamp.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.homeamp.amp.AmpClient;
import org.homeamp.amp.AmpClients;
import org.homeamp.amp.AmpInstance;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.config.ServerSettings;
import org.homeamp.formats.ConfigParser;
import org.homeamp.drift.DriftInputs;
import org.homeamp.drift.SecretMasker;
import org.homeamp.files.InstanceFiles;
import org.homeamp.files.InstanceFilesFactory;
import org.homeamp.inventory.InstanceLocator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What deploying needs to know about an instance besides the workbook: its live AMP identity, its
 * files, its installed plugins (from the inventory) and what the baselines expect of it. The
 * baselines, rules and variables are read once per deployment.
 */
@Component
class DeployContext {
    private final HomeAmpSettings settings;
    private final AmpClients ampClients;
    private final InstanceFilesFactory filesFactory;
    private final JdbcTemplate jdbc;
    private final StagedJars stagedJars;
    private final SecretMasker masker;
    private final ConfigParser parser = new ConfigParser();
    private final InstanceLocator locator = new InstanceLocator();
    private String inputsFor;
    private DriftInputs inputs;

    DeployContext(HomeAmpSettings settings, AmpClients ampClients, InstanceFilesFactory filesFactory, JdbcTemplate jdbc, StagedJars stagedJars,
            SecretMasker masker) {
        this.settings = settings;
        this.ampClients = ampClients;
        this.filesFactory = filesFactory;
        this.jdbc = jdbc;
        this.stagedJars = stagedJars;
        this.masker = masker;
    }

    HomeAmpSettings settings() {
        return settings;
    }

    AmpClient amp(String server) {
        return ampClients.forServer(server);
    }

    /**
     * The instance's AMP InstanceID as AMP lists it now on the server's own targets (the selection of
     * discovery, {@link InstanceLocator#minecraftInstances}: {@code target}, else the target named like
     * the server, ...), or empty when AMP no longer lists an instance of that name there.
     */
    Optional<String> liveInstanceId(String server, String instance, String knownId) {
        ServerSettings serverSettings = settings.server(server).orElseThrow(() -> new IllegalArgumentException(
                "server " + server + " is not in " + settings.configFile() + ". Fix: add it back to homeamp.yml, or deploy a workbook of the servers it has"));
        List<AmpInstance> listed = locator.minecraftInstances(serverSettings, amp(server)).stream()
                .filter(i -> i.instanceName().equalsIgnoreCase(instance)).toList();
        return listed.stream().filter(i -> i.instanceId().equals(knownId)).findFirst()
                .or(() -> listed.stream().findFirst())
                .map(AmpInstance::instanceId);
    }

    InstanceFiles files(String server, String instance, String instanceId) {
        return filesFactory.forInstance(server, instance, instanceId);
    }

    /** The preparer for one instance of deployment {@code deploymentId}. */
    synchronized ChangePreparer preparer(String deploymentId, String server, String instance) {
        if (!deploymentId.equals(inputsFor)) {
            inputs = DriftInputs.load(settings);
            inputsFor = deploymentId;
        }
        Map<String, List<String>> jars = installedJars(server, instance);
        Set<String> names = new HashSet<>();
        jdbc.query("SELECT plugin_name FROM plugin_jar WHERE server = ? AND instance_name = ? AND removed_on IS NULL AND plugin_name IS NOT NULL",
                rs -> {
                    names.add(rs.getString(1));
                }, server, instance);
        return new ChangePreparer(inputs.expectedFor(server, instance, names), inputs.rules(), parser, stagedJars, jars, masker);
    }

    private Map<String, List<String>> installedJars(String server, String instance) {
        Map<String, List<String>> byPlugin = new HashMap<>();
        jdbc.query("SELECT plugin_name, file_name FROM plugin_jar WHERE server = ? AND instance_name = ? AND removed_on IS NULL"
                        + " AND plugin_name IS NOT NULL ORDER BY file_name",
                rs -> {
                    byPlugin.computeIfAbsent(rs.getString(1).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(rs.getString(2));
                }, server, instance);
        return byPlugin;
    }
}
