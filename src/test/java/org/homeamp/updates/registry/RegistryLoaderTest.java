package org.homeamp.updates.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.homeamp.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryLoaderTest {
    @TempDir
    Path dir;

    private final RegistryLoader loader = new RegistryLoader();

    @Test
    void shippedRegistryLoadsWithoutProblems() {
        Registry registry = loader.load(Path.of("registry"));

        assertThat(registry.problems()).isEmpty();
        assertThat(registry.entries()).hasSizeGreaterThanOrEqualTo(25);
        assertThat(registry.entries()).allSatisfy(entry -> assertThat(entry.notes()).isNotBlank());
        assertThat(registry.find("essentials")).get().extracting(RegistryEntry::source).isEqualTo(SourceType.GITHUB);
        assertThat(registry.find("GEYSER-SPIGOT")).get().extracting(RegistryEntry::channel).isEqualTo(Channel.BETA);
        assertThat(registry.requireValid()).isSameAs(registry);
    }

    @Test
    void completeFileBecomesAnEntry() throws IOException {
        write("Vault.yml", """
                name: Vault
                source: github
                project: MilkBowl/Vault
                asset: 'Vault\\.jar'
                channel: beta
                platform: paper
                version-pattern: '(\\d+(?:\\.\\d+)+)'
                hold: "1.7"
                notes: tags are plain numbers
                """);

        Registry registry = loader.load(dir);

        assertThat(registry.problems()).isEmpty();
        RegistryEntry vault = registry.find("vault").orElseThrow();
        assertThat(vault.project()).isEqualTo("MilkBowl/Vault");
        assertThat(vault.assetPattern().matcher("Vault.jar").matches()).isTrue();
        assertThat(vault.channel()).isEqualTo(Channel.BETA);
        assertThat(vault.hold()).isEqualTo(Hold.prefix("1.7"));
        assertThat(vault.line()).isEqualTo(1);
        assertThat(vault.file()).isEqualTo(dir.resolve("plugins/Vault.yml"));
    }

    @Test
    void defaultsApplyWhenOptionalKeysAreAbsent() throws IOException {
        write("LuckPerms.yml", "name: LuckPerms\nsource: modrinth\nproject: Vebnzrzj\n");

        RegistryEntry entry = loader.load(dir).find("LuckPerms").orElseThrow();

        assertThat(entry.channel()).isEqualTo(Channel.RELEASE);
        assertThat(entry.platform()).isEqualTo("paper");
        assertThat(entry.hold()).isEqualTo(Hold.NONE);
        assertThat(entry.asset()).isNull();
    }

    @Test
    void unknownKeyIsReportedWithSuggestionAndLine() throws IOException {
        write("LuckPerms.yml", "name: LuckPerms\nsource: modrinth\nproject: Vebnzrzj\nchanel: beta\n");

        Registry registry = loader.load(dir);

        assertThat(registry.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("'chanel' is not a known key");
            assertThat(p.fix()).contains("did you mean 'channel'");
        });
        assertThat(registry.find("LuckPerms")).isEmpty();
    }

    @Test
    void everyProblemOfEveryFileIsReported() throws IOException {
        write("Broken.yml", """
                name: Broken
                source: curseforge
                channel: nightly
                asset: '([a-z'
                version-pattern: '\\d+'
                hold: maybe
                """);
        write("NoName.yml", "source: modrinth\nproject: abc\n");
        write("Wrong.yml", "name: Right\nsource: spigot\nproject: not-a-number\n");

        Registry registry = loader.load(dir);

        assertThat(registry.problems()).extracting(RegistryProblem::message).anySatisfy(m -> assertThat(m).contains("source 'curseforge' is not known"))
                .anySatisfy(m -> assertThat(m).contains("'project' is missing"))
                .anySatisfy(m -> assertThat(m).contains("channel 'nightly' is not known"))
                .anySatisfy(m -> assertThat(m).contains("'asset' is not a valid regular expression"))
                .anySatisfy(m -> assertThat(m).contains("'version-pattern' has no capturing group"))
                .anySatisfy(m -> assertThat(m).contains("hold 'maybe'"))
                .anySatisfy(m -> assertThat(m).contains("'name' is missing"))
                .anySatisfy(m -> assertThat(m).contains("is not a SpigotMC resource id"))
                .anySatisfy(m -> assertThat(m).contains("the file is named Wrong.yml but the plugin is 'Right'"));
        assertThat(registry.problems()).filteredOn(p -> p.file().endsWith("Broken.yml")).extracting(RegistryProblem::line)
                .contains(2, 3, 4, 5, 6);
        assertThat(registry.entries()).isEmpty();
    }

    @Test
    void duplicateNamesAcrossFilesAreRefusedIgnoringCase() throws IOException {
        write("LuckPerms.yml", "name: LuckPerms\nsource: modrinth\nproject: Vebnzrzj\n");
        write("luckperms.yml", "name: luckperms\nsource: modrinth\nproject: Vebnzrzj\n");

        Registry registry = loader.load(dir);

        assertThat(registry.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("already used by"));
    }

    @Test
    void yamlSyntaxErrorNamesTheLine() throws IOException {
        write("Bad.yml", "name: Bad\nsource: [modrinth\nproject: x\n");

        Registry registry = loader.load(dir);

        assertThat(registry.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("not valid YAML");
            assertThat(p.line()).isGreaterThan(1);
        });
    }

    @Test
    void brokenRegistryRefusesToStartARun() throws IOException {
        write("X.yml", "name: X\nsource: modrinth\n");

        Registry registry = loader.load(dir);

        assertThatThrownBy(registry::requireValid).isInstanceOf(ConfigException.class)
                .hasMessageContaining("X.yml:1: 'project' is missing").hasMessageContaining("registry check");
    }

    @Test
    void missingPluginsFolderIsAProblem() {
        Registry registry = loader.load(dir.resolve("nowhere"));

        assertThat(registry.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("no plugins/ folder"));
    }

    @Test
    void holdPrefixAdmitsOnlyVersionsWithinIt() {
        Hold hold = Hold.prefix("5.4");

        assertThat(hold.admits("5.4")).isTrue();
        assertThat(hold.admits("5.4.108")).isTrue();
        assertThat(hold.admits("v5.4.1-beta")).isTrue();
        assertThat(hold.admits("5.40")).isFalse();
        assertThat(hold.admits("5.5.0")).isFalse();
    }

    private void write(String name, String content) throws IOException {
        Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(dir.resolve("plugins").resolve(name), content);
    }
}
