package org.homeamp.variables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.homeamp.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariablesReaderTest {
    @TempDir
    Path dir;

    private final VariablesReader reader = new VariablesReader();

    private Path csv(String text) throws IOException {
        Path file = dir.resolve("vars.csv");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void precedenceIsInstanceThenGroupsInOrderThenDefaults() throws IOException {
        // given
        Path file = csv("""
                instance,server,groups,port,motd,difficulty,pvp,ratio
                *,,,25565,Welcome,easy,false,0.5
                @survival,,,,Survival,normal,,
                @skyblock,,,,Skyblock,hard,true,
                Survival01,,"survival,skyblock",25566,,,,
                """);

        // when
        InstanceVariables vars = reader.read(file).forInstance("hetzner", "Survival01");

        // then
        assertThat(vars.groups()).containsExactly("survival", "skyblock");
        assertThat(vars.values())
                .containsEntry("port", 25566L)
                .containsEntry("motd", "Survival")
                .containsEntry("difficulty", "normal")
                .containsEntry("pvp", true)
                .containsEntry("ratio", 0.5);
    }

    @Test
    void serverColumnRestrictsRowsAndTheServerSpecificRowWins() throws IOException {
        Path file = csv("""
                instance,server,groups,port
                *,,,1
                *,ovh,,2
                Lobby,,,10
                Lobby,ovh,,11
                """);
        VariablesTable table = reader.read(file);

        assertThat(table.forInstance("hetzner", "Lobby").values()).containsEntry("port", 10L);
        assertThat(table.forInstance("ovh", "Lobby").values()).containsEntry("port", 11L);
        assertThat(table.forInstance("ovh", "Other").values()).containsEntry("port", 2L);
        assertThat(table.forInstance("hetzner", "Other").values()).containsEntry("port", 1L);
    }

    @Test
    void csvCellsAreTyped() throws IOException {
        Path file = csv("instance,a,b,c,d,e,f\r\n*,20,0.5,TRUE,text,007,\"x,\"\"y\"\"\"\r\n");

        assertThat(reader.read(file).forInstance("s", "i").values())
                .containsEntry("a", 20L).containsEntry("b", 0.5).containsEntry("c", true)
                .containsEntry("d", "text").containsEntry("e", "007").containsEntry("f", "x,\"y\"");
    }

    @Test
    void emptyCellsAreNotSet() throws IOException {
        Path file = csv("instance,groups,a\n*,,default\nLobby,,\n");

        assertThat(reader.read(file).forInstance("s", "Lobby").values()).containsEntry("a", "default");
    }

    @Test
    void xlsxWrittenWithPoiIsReadBackWithNumbersAsNumbers() throws IOException {
        // given
        Path file = dir.resolve("Master_Variable_Configurations.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("Variables");
            row(sheet, 0, "instance", "groups", "view-distance", "ratio", "pvp", "motd");
            Row defaults = sheet.createRow(1);
            defaults.createCell(0).setCellValue("*");
            defaults.createCell(2).setCellValue(10);
            defaults.createCell(3).setCellValue(0.5);
            defaults.createCell(4).setCellValue(false);
            defaults.createCell(5).setCellValue("§aHello");
            Row group = sheet.createRow(2);
            group.createCell(0).setCellValue("@survival");
            group.createCell(2).setCellValue(20);
            Row instance = sheet.createRow(3);
            instance.createCell(0).setCellValue("Survival01");
            instance.createCell(1).setCellValue("survival");
            instance.createCell(4).setCellValue(true);
            workbook.createSheet("Notes").createRow(0).createCell(0).setCellValue("ignored");
            workbook.write(out);
        }

        // when
        InstanceVariables vars = reader.read(file).forInstance("hetzner", "survival01");

        // then
        assertThat(vars.groups()).containsExactly("survival");
        assertThat(vars.values())
                .containsEntry("view-distance", 20L)
                .containsEntry("ratio", 0.5)
                .containsEntry("pvp", true)
                .containsEntry("motd", "§aHello");
    }

    @Test
    void duplicateInstanceRowNamesBothCells() throws IOException {
        Path file = csv("server,instance,a\nhetzner,Lobby,1\n,Lobby,2\nhetzner,lobby,3\n");

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cell B4")
                .hasMessageContaining("already has a row at B2");
    }

    @Test
    void unknownGroupNamesTheGroupsCell() throws IOException {
        Path file = csv("instance,groups,a\n@survival,,1\nLobby,,1\nSurvival01,\"survival,skyblok\",2\n");

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cell B4")
                .hasMessageContaining("unknown group 'skyblok'");
    }

    @Test
    void unknownGroupNamesItsOwnCellWhenAnEarlierGroupsCellHoldsOnlyCommas() throws IOException {
        Path file = csv("instance,groups,a\nLobby,\" , \",1\nSurvival01,skyblok,2\n");

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cell B3: instance 'Survival01' lists unknown group 'skyblok'");
    }

    @Test
    void groupKnownFromTheBaselinesFolderIsAccepted() throws IOException {
        Path file = csv("instance,groups\nSurvival01,skyblock\n");

        assertThat(reader.read(file, Set.of("skyblock")).forInstance("s", "Survival01").groups()).containsExactly("skyblock");
    }

    @Test
    void headerWithoutInstanceColumnIsRefusedAtA1() throws IOException {
        Path file = csv("name,port\nLobby,1\n");

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cell A1")
                .hasMessageContaining("no 'instance' column");
    }

    @Test
    void rowWithoutInstanceIsRefusedWithItsCell() throws IOException {
        Path file = csv("port,instance\n1,Lobby\n2,\n");

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(ConfigException.class).hasMessageContaining("cell B3");
    }

    @Test
    void missingFileIsAnEmptyTable() {
        VariablesTable table = reader.read(dir.resolve("absent.xlsx"));

        assertThat(table.isEmpty()).isTrue();
        assertThat(table.forInstance("s", "i").values()).isEmpty();
        assertThat(table.forInstance("s", "i").groups()).isEmpty();
    }

    private static void row(Sheet sheet, int index, String... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
    }

    @Test
    void groupNamesAreListed() throws IOException {
        assertThat(reader.read(csv("instance\n@a\n@b\n")).groupNames()).isEqualTo(List.of("a", "b"));
    }
}
