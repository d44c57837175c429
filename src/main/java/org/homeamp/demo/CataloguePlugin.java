package org.homeamp.demo;

import java.util.List;

/**
 * One plugin of the demo catalogue ({@code demo/plugins/catalogue.psv}).
 *
 * @param name          descriptor name, also the data-folder name
 * @param version       version string as the plugin's own build writes it
 * @param fileNamePattern jar file name, {@code {v}} replaced by the version
 * @param main          main class
 * @param apiVersion    Bukkit api-version
 * @param descriptor    which descriptor file(s) the jar carries
 * @param authors       one or more authors
 * @param website       project website
 * @param depend        hard dependencies
 * @param softDepend    soft dependencies
 * @param sizeKb        rough jar size, so sizes look like real plugins
 * @param types         instance types that install it on a small network; empty means every instance
 * @param description   descriptor description
 */
record CataloguePlugin(
        String name,
        String version,
        String fileNamePattern,
        String main,
        String apiVersion,
        DescriptorKind descriptor,
        List<String> authors,
        String website,
        List<String> depend,
        List<String> softDepend,
        int sizeKb,
        List<String> types,
        String description) {

    /** Descriptor files a demo jar carries at its root. */
    enum DescriptorKind {
        PLUGIN_YML, PAPER_PLUGIN_YML, BOTH;

        static DescriptorKind of(String value) {
            return switch (value) {
                case "plugin" -> PLUGIN_YML;
                case "paper" -> PAPER_PLUGIN_YML;
                case "both" -> BOTH;
                default -> throw new IllegalArgumentException("unknown descriptor kind '" + value + "'");
            };
        }
    }

    String fileName() {
        return fileNameFor(version);
    }

    /** The jar name an older or newer build of this plugin would have. */
    String fileNameFor(String otherVersion) {
        return fileNamePattern.replace("{v}", otherVersion);
    }

    boolean installsOn(String instanceType) {
        return types.isEmpty() || types.contains(instanceType);
    }

    CataloguePlugin withVersion(String otherVersion) {
        return new CataloguePlugin(name, otherVersion, fileNamePattern, main, apiVersion, descriptor, authors,
                website, depend, softDepend, sizeKb, types, description);
    }
}
