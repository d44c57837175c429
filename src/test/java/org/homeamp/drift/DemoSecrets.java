package org.homeamp.drift;

import java.util.List;

/** Secret values the demo network's configs hold (see src/main/resources/demo/): none may appear in any output. */
final class DemoSecrets {
    private DemoSecrets() {
    }

    static List<String> values() {
        return List.of("demo-rcon-5f2b91", "MTA5ODc2NTQzMjEwMDAwMDAw.GdEm0x.demo-bot-token-not-real-0000000000", "Cp-demo-3e9a51d0",
                "Lp-demo-7c41f0e2b9");
    }
}
