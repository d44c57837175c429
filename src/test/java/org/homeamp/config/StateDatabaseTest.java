package org.homeamp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job database's generated password, and the migration of a database made with the empty one. */
class StateDatabaseTest {
    @TempDir
    Path state;

    @Test
    void aDatabaseWithTheEmptyPasswordGetsTheGeneratedOneAndKeepsItsData() throws Exception {
        // given: a database as earlier versions created it (sa, empty password)
        try (Connection old = DriverManager.getConnection(StateDatabase.h2Url(state), "sa", "");
                Statement st = old.createStatement()) {
            st.execute("CREATE TABLE kept (v INT)");
            st.execute("INSERT INTO kept VALUES (42)");
        }

        // when
        try (Connection c = StateDatabase.connect(state); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT v FROM kept")) {
            // then: the data is there
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
        // then: the empty password no longer opens it, the generated one is private
        assertThatThrownBy(() -> DriverManager.getConnection(StateDatabase.h2Url(state), "sa", "").close())
                .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getErrorCode()).isEqualTo(28000);
        Path password = StateDatabase.passwordFile(state);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password))).isEqualTo("rw-------");
        assertThat(Files.readString(password).strip()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("db")))).isEqualTo("rwx------");
    }

    @Test
    void aNewDatabaseIsCreatedWithTheGeneratedPassword() throws Exception {
        try (Connection c = StateDatabase.connect(state)) {
            assertThat(c.isValid(5)).isTrue();
        }
        String password = Files.readString(StateDatabase.passwordFile(state)).strip();
        try (Connection again = DriverManager.getConnection(StateDatabase.h2Url(state), "sa", password)) {
            assertThat(again.isValid(5)).isTrue();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(StateDatabase.h2Url(state), "sa", "").close())
                .isInstanceOf(SQLException.class);
    }
}
