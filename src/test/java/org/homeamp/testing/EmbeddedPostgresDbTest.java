package org.homeamp.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresDbTest {
    @RegisterExtension
    static final EmbeddedPostgresDb pg = new EmbeddedPostgresDb();

    @Test
    void handsOutAnEmptyDatabaseOwnedByTheTestRole() throws Exception {
        try (Connection c = pg.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_user, current_database(), "
                        + "(SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(EmbeddedPostgresDb.USER);
            assertThat(rs.getString(2)).isEqualTo(pg.database()).startsWith("t").contains("embeddedpostgresdbtest");
            assertThat(rs.getLong(3)).isZero();
        }
    }

    @Test
    void eachCreatedDatabaseIsAnother() {
        String other = EmbeddedPostgresDb.createDatabase("other");
        assertThat(other).isNotEqualTo(pg.database());
        assertThat(EmbeddedPostgresDb.url(other)).isNotEqualTo(pg.url()).startsWith("jdbc:postgresql://127.0.0.1:");
    }

    @Test
    void appendsTheDatasourceSectionToAHomeampYml(@TempDir Path dir) throws Exception {
        Path yml = dir.resolve("homeamp.yml");
        Files.writeString(yml, "homeamp:\n  state-dir: ./state\n");
        pg.writeDatasource(yml, false);
        String text = Files.readString(yml);
        assertThat(text).contains("spring:\n  datasource:\n    url: " + pg.url() + "\n    username: homeamp_test\n")
                .doesNotContain(EmbeddedPostgresDb.PASSWORD);
    }
}
