package org.homeamp.demo;

import java.util.Optional;

/**
 * Builds the jars the demo's simulated update source publishes: the same builder as the installed demo
 * jars, so a published version is a real plugin jar with the right descriptor name, only with another
 * version in its descriptor and other class bytes.
 */
public final class PublishedJars {
    private final PluginCatalogue catalogue = PluginCatalogue.load();
    private final DemoJarBuilder builder = new DemoJarBuilder(DemoNetworkGenerator.SEED);

    /** The installed demo version of a catalogue plugin. */
    public Optional<String> installedVersion(String pluginName) {
        return find(pluginName).map(CataloguePlugin::version);
    }

    /** The jar file name a version of the plugin is published under. */
    public Optional<String> fileName(String pluginName, String version) {
        return find(pluginName).map(p -> p.fileNameFor(version));
    }

    /** The bytes of {@code version} of a catalogue plugin. */
    public Optional<byte[]> jar(String pluginName, String version) {
        return find(pluginName).map(p -> builder.build(new CataloguePlugin(p.name(), version, p.fileNamePattern(), p.main(), p.apiVersion(),
                p.descriptor(), p.authors(), p.website(), p.depend(), p.softDepend(), Math.min(p.sizeKb(), 64), p.types(), p.description()),
                "config.yml", null, true));
    }

    private Optional<CataloguePlugin> find(String pluginName) {
        return catalogue.all().stream().filter(p -> p.name().equalsIgnoreCase(pluginName)).findFirst();
    }
}
