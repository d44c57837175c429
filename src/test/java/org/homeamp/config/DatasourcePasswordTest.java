package org.homeamp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the PostgreSQL password comes from: homeamp.yml, a password file of mode 0600, or SPRING_DATASOURCE_PASSWORD. */
class DatasourcePasswordTest {
    private static final String SECRET = "s3cret-db-pw";

    @TempDir
    Path tmp;

    private Path config(String datasource) throws Exception {
        Files.createDirectories(tmp.resolve("instances"));
        Path yml = tmp.resolve("homeamp.yml");
        Files.writeString(yml, """
                homeamp:
                  state-dir: ./state
                  servers:
                    - name: local
                      amp-url: http://127.0.0.1:1
                      username: homeamp
                      password-env: AMP_PW
                      files: local
                      instances-dir: ./instances
                spring:
                  datasource:
                    url: jdbc:postgresql://127.0.0.1:5432/homeamp
                    username: homeamp
                """ + datasource);
        return yml;
    }

    private static HomeAmpSettings load(Path yml, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("AMP_PW", "x");
        return ConfigLoader.load(yml, all, "test");
    }

    @Test
    void aPasswordFileOfMode600IsReadRelativeToTheConfig() throws Exception {
        Path file = Files.createFile(tmp.resolve("db.password"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, SECRET + "\n");
        HomeAmpSettings s = load(config("    password-file: ./db.password\n"), Map.of("SPRING_DATASOURCE_PASSWORD", "from-env"));
        assertThat(s.springProperties()).containsEntry("spring.datasource.password", SECRET);
    }

    @Test
    void aPasswordFileOthersMayReadIsRefusedWithoutShowingIt() throws Exception {
        Path file = tmp.resolve("db.password");
        Files.writeString(file, SECRET);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> load(config("    password-file: db.password\n"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spring.datasource.password-file = db.password: may be read or changed by other users")
                .hasMessageContaining("chmod 600 " + file)
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aMissingOrEmptyPasswordFileIsAProblem() throws Exception {
        assertThatThrownBy(() -> load(config("    password-file: /nonexistent/db.password\n"), Map.of()))
                .hasMessageContaining("does not exist").hasMessageContaining("install -m 600");
        Files.createFile(tmp.resolve("empty"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        assertThatThrownBy(() -> load(config("    password-file: empty\n"), Map.of())).hasMessageContaining("is empty");
    }

    @Test
    void passwordAndPasswordFileTogetherAreAProblem() throws Exception {
        assertThatThrownBy(() -> load(config("    password: " + SECRET + "\n    password-file: db.password\n"), Map.of()))
                .hasMessageContaining("is given together with spring.datasource.password").hasMessageNotContaining(SECRET);
    }

    @Test
    void theEnvironmentVariableIsUsedWhenTheFileNamesNone() throws Exception {
        assertThat(load(config(""), Map.of("SPRING_DATASOURCE_PASSWORD", SECRET)).springProperties())
                .containsEntry("spring.datasource.password", SECRET);
        assertThat(load(config("    password: inline\n"), Map.of("SPRING_DATASOURCE_PASSWORD", SECRET)).springProperties())
                .as("the file's own value wins, as in Spring").containsEntry("spring.datasource.password", "inline");
    }
}
