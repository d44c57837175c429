package org.homeamp.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanSignerTest {
    @TempDir
    Path stateDir;

    private final ProposedChange change = TestPlans.sampleChanges().get(0);

    @Test
    void keyIsCreatedOnceWithOwnerOnlyMode() throws Exception {
        PlanSigner first = PlanSigner.forStateDir(stateDir);
        Path key = stateDir.resolve(PlanSigner.KEY_FILE);

        assertThat(Files.size(key)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        try (var files = Files.list(stateDir)) {
            assertThat(files.toList()).as("no temp file left behind").containsExactly(key);
        }
        PlanSigner again = PlanSigner.forStateDir(stateDir);
        assertThat(again.sign("P1", change)).isEqualTo(first.sign("P1", change));
    }

    @Test
    void keyReadableByOthersIsRefusedWithTheFix() throws Exception {
        PlanSigner.forStateDir(stateDir);
        Path key = stateDir.resolve(PlanSigner.KEY_FILE);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> PlanSigner.forStateDir(stateDir))
                .isInstanceOf(SigningKeyException.class)
                .hasMessageContaining(key.toString())
                .hasMessageContaining("chmod 600");
    }

    @Test
    void keyOfWrongSizeIsRefused() throws Exception {
        Path key = stateDir.resolve(PlanSigner.KEY_FILE);
        Files.write(key, new byte[5]);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> PlanSigner.forStateDir(stateDir))
                .isInstanceOf(SigningKeyException.class)
                .hasMessageContaining("5 bytes");
    }

    @Test
    void everySignedFieldChangesTheSignature() {
        PlanSigner signer = PlanSigner.forStateDir(stateDir);
        String original = signer.sign("P1", change);
        List<UnaryOperator<ProposedChange>> edits = List.of(
                c -> with(c, "C-other", c.server(), c.instance(), c.type(), c.plugin(), c.file(), c.setting(), c.current(), c.proposed()),
                c -> with(c, c.changeId(), "other", c.instance(), c.type(), c.plugin(), c.file(), c.setting(), c.current(), c.proposed()),
                c -> with(c, c.changeId(), c.server(), "other", c.type(), c.plugin(), c.file(), c.setting(), c.current(), c.proposed()),
                c -> with(c, c.changeId(), c.server(), c.instance(), ChangeType.NEW_FILE, c.plugin(), c.file(), c.setting(), c.current(), c.proposed()),
                c -> with(c, c.changeId(), c.server(), c.instance(), c.type(), "other", c.file(), c.setting(), c.current(), c.proposed()),
                c -> with(c, c.changeId(), c.server(), c.instance(), c.type(), c.plugin(), "other.yml", c.setting(), c.current(), c.proposed()),
                c -> with(c, c.changeId(), c.server(), c.instance(), c.type(), c.plugin(), c.file(), "other", c.current(), c.proposed()),
                c -> with(c, c.changeId(), c.server(), c.instance(), c.type(), c.plugin(), c.file(), c.setting(), "99", c.proposed()),
                c -> with(c, c.changeId(), c.server(), c.instance(), c.type(), c.plugin(), c.file(), c.setting(), c.current(), "99"));

        for (UnaryOperator<ProposedChange> edit : edits) {
            ProposedChange edited = edit.apply(change);
            assertThat(signer.sign("P1", edited)).as(edited.toString()).isNotEqualTo(original);
            assertThat(signer.verify("P1", edited, original)).isFalse();
        }
        assertThat(signer.sign("P2", change)).as("plan id is signed").isNotEqualTo(original);
    }

    @Test
    void detailsAreNotSigned() {
        PlanSigner signer = PlanSigner.forStateDir(stateDir);
        ProposedChange reworded = new ProposedChange(change.changeId(), change.server(), change.instance(), change.type(),
                change.plugin(), change.file(), change.setting(), change.current(), change.proposed(), "other words", false, null);

        assertThat(signer.sign("P1", reworded)).isEqualTo(signer.sign("P1", change));
    }

    @Test
    void textCannotMoveAcrossFieldBoundaries() {
        PlanSigner signer = PlanSigner.forStateDir(stateDir);
        ProposedChange a = with(change, change.changeId(), change.server(), change.instance(), change.type(), change.plugin(),
                change.file(), change.setting(), "ab", "c");
        ProposedChange b = with(change, change.changeId(), change.server(), change.instance(), change.type(), change.plugin(),
                change.file(), change.setting(), "a", "bc");

        assertThat(signer.sign("P1", a)).isNotEqualTo(signer.sign("P1", b));
    }

    @Test
    void verifyAcceptsOnlyTheRightSignature() {
        PlanSigner signer = PlanSigner.forStateDir(stateDir);
        String signature = signer.sign("P1", change);

        assertThat(signer.verify("P1", change, signature)).isTrue();
        assertThat(signer.verify("P1", change, " " + signature.toUpperCase() + " ")).as("spreadsheet case and blanks").isTrue();
        assertThat(signer.verify("P2", change, signature)).isFalse();
        assertThat(signer.verify("P1", change, null)).isFalse();
        assertThat(signer.verify("P1", change, "")).isFalse();
        assertThat(signer.verify("P1", change, org.homeamp.testing.WrongValues.flipped(signature))).isFalse();
    }

    @Test
    void anotherKeyGivesOtherSignatures(@TempDir Path otherStateDir) {
        assertThat(PlanSigner.forStateDir(otherStateDir).sign("P1", change))
                .isNotEqualTo(PlanSigner.forStateDir(stateDir).sign("P1", change));
    }

    @Test
    void stableIdDependsOnIdentityOnly() {
        String id = ProposedChange.stableId("lobby", "Lobby01", ChangeType.CONFIG, "Essentials", "plugins/Essentials/config.yml", "a.b");

        assertThat(id).matches("C-[0-9a-f]{10}");
        assertThat(ProposedChange.stableId("lobby", "Lobby01", ChangeType.CONFIG, "Essentials", "plugins/Essentials/config.yml", "a.b")).isEqualTo(id);
        assertThat(ProposedChange.stableId("lobby", "Lobby02", ChangeType.CONFIG, "Essentials", "plugins/Essentials/config.yml", "a.b")).isNotEqualTo(id);
    }

    private static ProposedChange with(ProposedChange c, String id, String server, String instance, ChangeType type, String plugin,
                                       String file, String setting, String current, String proposed) {
        return new ProposedChange(id, server, instance, type, plugin, file, setting, current, proposed, c.details(), c.secret(),
                c.checksumState());
    }
}
