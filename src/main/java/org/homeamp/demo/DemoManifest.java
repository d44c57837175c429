package org.homeamp.demo;

import java.util.List;
import java.util.Map;

/**
 * The generator's own record of a finished demo network, {@code <dir>/demo-network.json}. It is
 * written last, so its presence means the generation completed and the folder can be reused as it is.
 * Ports and passwords are not in it: they change on every generation, and this file does not.
 */
record DemoManifest(
        int formatVersion,
        List<String> servers,
        int instances,
        int jars,
        int plugins,
        Map<String, List<String>> instancesByServer,
        List<String> planted) {

    static final int FORMAT_VERSION = 1;
}
