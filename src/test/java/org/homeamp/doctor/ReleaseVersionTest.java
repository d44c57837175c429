package org.homeamp.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.homeamp.cli.HomeAmpCli;
import org.junit.jupiter.api.Test;

/** {@code homeamp --version} prints the pom's version (the resource is filtered with Boot's @...@ delimiter). */
class ReleaseVersionTest {

    @Test
    void versionComesFromThePom() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        // the project's own <version>, the first one after its <artifactId>
        Matcher m = Pattern.compile("<artifactId>homeamp-config-manager</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(m.find()).isTrue();

        assertThat(HomeAmpCli.version()).isEqualTo(m.group(1)).isNotEqualTo("dev");
    }
}
