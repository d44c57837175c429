package org.homeamp.variables;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;
import org.homeamp.config.ConfigException;

/**
 * Reads the variables workbook ({@code Master_Variable_Configurations.xlsx}, first sheet) or a CSV
 * with the same columns (RFC 4180: quoted fields, doubled quotes, commas and line breaks inside
 * quotes). Every problem is reported with its cell reference ({@code B7}) in one
 * {@link ConfigException} (exit 2).
 *
 * <p>Decisions: a missing file is an empty table, not an error, so a network without variables still
 * scans and every placeholder shows up as {@code UNRESOLVED_VARIABLE}. A group named in a
 * {@code groups} cell must be known, either from an {@code @group} row or from the caller (the
 * {@code baselines/groups/} folders), because a misspelt group would otherwise silently drop an
 * overlay. xlsx numbers stay numbers (whole numbers as {@link Long}, others as {@link Double}); CSV
 * cells are typed by their text (integer, decimal, true/false, else text).
 */
public final class VariablesReader {
    private static final Pattern INTEGER = Pattern.compile("-?(?:0|[1-9]\\d*)");
    private static final Pattern DECIMAL = Pattern.compile("-?(?:0|[1-9]\\d*)\\.\\d+");

    /** Reads the table, accepting only groups that have an {@code @group} row. */
    public VariablesTable read(Path file) {
        return read(file, Set.of());
    }

    /**
     * Reads the table.
     *
     * @param knownGroups groups that exist even without an {@code @group} row (overlay folders)
     */
    public VariablesTable read(Path file, Set<String> knownGroups) {
        if (!Files.exists(file)) {
            return VariablesTable.empty();
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<List<Object>> grid;
        if (name.endsWith(".csv")) {
            grid = readCsv(file);
        } else if (name.endsWith(".xlsx") || name.endsWith(".xls")) {
            grid = readWorkbook(file);
        } else {
            throw new ConfigException(file + ": variables must be an .xlsx workbook or a .csv file; rename or convert it");
        }
        return new Validator(file.toString(), knownGroups).validate(grid);
    }

    // ---- reading cells ----------------------------------------------------------------------

    private static List<List<Object>> readWorkbook(Path file) {
        try (Workbook workbook = WorkbookFactory.create(file.toFile(), null, true)) {
            if (workbook.getNumberOfSheets() == 0) {
                return List.of();
            }
            Sheet sheet = workbook.getSheetAt(0);
            List<List<Object>> grid = new ArrayList<>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<Object> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < Math.max(row.getLastCellNum(), 0); c++) {
                        cells.add(valueOf(file, row.getCell(c)));
                    }
                }
                grid.add(cells);
            }
            return grid;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigException config) {
                throw config;
            }
            throw new ConfigException(file + ": cannot be read as an .xlsx workbook (" + e.getMessage()
                    + "); save it from Excel or LibreOffice as .xlsx, or export the first sheet as CSV");
        }
    }

    private static Object valueOf(Path file, Cell cell) {
        if (cell == null) {
            return null;
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> {
                if (DateUtil.isCellDateFormatted(cell)) {
                    LocalDateTime date = cell.getLocalDateTimeCellValue();
                    yield date.toLocalTime().toSecondOfDay() == 0 ? date.toLocalDate().toString() : date.toString();
                }
                double number = cell.getNumericCellValue();
                yield number == Math.rint(number) && Math.abs(number) < 9.007199254740992E15 ? (Object) (long) number : (Object) number;
            }
            case STRING -> {
                String text = cell.getStringCellValue();
                yield text.isBlank() ? null : text.strip();
            }
            case BOOLEAN -> cell.getBooleanCellValue();
            case ERROR -> throw new ConfigException(file + " cell " + new CellReference(cell).formatAsString(false)
                    + ": holds a formula error; fix the formula or type the value");
            default -> null;
        };
    }

    private static List<List<Object>> readCsv(Path file) {
        return parseCsv(file, decodeUtf8(file));
    }

    private static String decodeUtf8(Path file) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + ": is not UTF-8 text; export it as \"CSV UTF-8\"");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** RFC 4180 fields into rows; {@code file} only names the file in messages. */
    private static List<List<Object>> parseCsv(Path file, String text) {
        List<List<Object>> grid = new ArrayList<>();
        List<Object> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && field.isEmpty()) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                row.add(csvValue(field.toString()));
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                row.add(csvValue(field.toString()));
                field.setLength(0);
                wasQuoted = false;
                grid.add(row);
                row = new ArrayList<>();
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new ConfigException(file + " row " + (grid.size() + 1) + ": a quoted field is not closed; add the closing '\"'");
        }
        if (!field.isEmpty() || !row.isEmpty() || wasQuoted) {
            row.add(csvValue(field.toString()));
            grid.add(row);
        }
        return grid;
    }

    /** Types a CSV cell by its text, as a spreadsheet would have typed it. */
    static Object csvValue(String raw) {
        String text = raw.strip();
        if (text.isEmpty()) {
            return null;
        }
        if (INTEGER.matcher(text).matches()) {
            BigInteger big = new BigInteger(text);
            return big.bitLength() < 64 ? (Object) big.longValue() : text;
        }
        if (DECIMAL.matcher(text).matches()) {
            return Double.valueOf(text);
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text.toLowerCase(Locale.ROOT));
        }
        return text;
    }

    // ---- validation -------------------------------------------------------------------------

    /** Turns the grid into rows, collecting every problem with its cell reference. */
    private static final class Validator {
        private final String file;
        private final Set<String> knownGroups = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        private final List<String> problems = new ArrayList<>();

        Validator(String file, Set<String> knownGroups) {
            this.file = file;
            this.knownGroups.addAll(knownGroups);
        }

        VariablesTable validate(List<List<Object>> grid) {
            if (grid.isEmpty() || grid.get(0).stream().allMatch(v -> v == null)) {
                return VariablesTable.empty();
            }
            Header header = header(grid.get(0));
            List<VariablesTable.Row> rows = new ArrayList<>();
            List<GroupsCell> groupsCells = new ArrayList<>();
            Map<String, String> seenRows = new HashMap<>();
            for (int r = 1; r < grid.size(); r++) {
                VariablesTable.Row row = row(header, grid.get(r), r, seenRows);
                if (row != null) {
                    rows.add(row);
                    if (!row.groups().isEmpty()) {
                        groupsCells.add(new GroupsCell(row, header.groups(), r));
                    }
                }
            }
            rows.stream().filter(VariablesTable.Row::isGroup).forEach(row -> knownGroups.add(row.instance().substring(1)));
            for (GroupsCell at : groupsCells) {
                for (String group : at.row().groups()) {
                    if (!knownGroups.contains(group)) {
                        problems.add(where(at.column(), at.rowIndex()) + ": instance '" + at.row().instance()
                                + "' lists unknown group '" + group + "'; add a row '@" + group
                                + "' (or a baselines/groups/" + group + "/ folder), or fix the spelling");
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return new VariablesTable(rows);
        }

        /** Column positions of the header row; -1 for an absent optional column. */
        private record Header(int instance, int server, int groups, Map<Integer, String> variables) {
        }

        /** The {@code groups} cell of an instance row, checked once every {@code @group} row is known. */
        private record GroupsCell(VariablesTable.Row row, int column, int rowIndex) {
        }

        private Header header(List<Object> header) {
            int instanceColumn = -1;
            int serverColumn = -1;
            int groupsColumn = -1;
            Map<Integer, String> variableColumns = new LinkedHashMap<>();
            Map<String, String> seenHeaders = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                if (header.get(c) == null) {
                    continue;
                }
                String name = String.valueOf(header.get(c)).strip();
                String lower = name.toLowerCase(Locale.ROOT);
                String earlier = seenHeaders.putIfAbsent(lower, ref(c, 0));
                if (earlier != null) {
                    problems.add(where(c, 0) + ": column '" + name + "' appears twice (also " + earlier + "); rename or remove one");
                    continue;
                }
                switch (lower) {
                    case "instance" -> instanceColumn = c;
                    case "server" -> serverColumn = c;
                    case "groups" -> groupsColumn = c;
                    default -> variableColumns.put(c, name);
                }
            }
            if (instanceColumn < 0) {
                problems.add(where(0, 0) + ": the header row (row 1) has no 'instance' column; add a column headed instance");
                throw new ConfigException(problems);
            }
            return new Header(instanceColumn, serverColumn, groupsColumn, variableColumns);
        }

        /** One data row (0-based index {@code r}), or null when it is blank or has a problem (recorded). */
        private VariablesTable.Row row(Header header, List<Object> cells, int r, Map<String, String> seenRows) {
            if (cells.stream().allMatch(v -> v == null)) {
                return null;
            }
            Object instanceValue = cell(cells, header.instance());
            if (instanceValue == null) {
                problems.add(where(header.instance(), r) + ": row " + (r + 1)
                        + " has values but no instance; write an instance name, @group or *");
                return null;
            }
            String instance = String.valueOf(instanceValue).strip();
            Object serverValue = header.server() < 0 ? null : cell(cells, header.server());
            String server = serverValue == null ? null : String.valueOf(serverValue).strip();
            String identity = instance.toLowerCase(Locale.ROOT) + "\u0000" + (server == null ? "" : server.toLowerCase(Locale.ROOT));
            String earlier = seenRows.putIfAbsent(identity, ref(header.instance(), r));
            if (earlier != null) {
                problems.add(where(header.instance(), r) + ": '" + instance + "'" + (server == null ? "" : " on server " + server)
                        + " already has a row at " + earlier + "; merge the two rows into one");
                return null;
            }
            if (instance.equals("@")) {
                problems.add(where(header.instance(), r) + ": '@' needs a group name, e.g. @survival");
                return null;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            header.variables().forEach((column, variable) -> {
                Object value = cell(cells, column);
                if (value != null) {
                    values.put(variable, value);
                }
            });
            return new VariablesTable.Row(instance, server, groups(header, cells, r, instance), values, ref(header.instance(), r));
        }

        /** The groups an instance row names; a groups cell on an {@code @group} or {@code *} row is a problem. */
        private List<String> groups(Header header, List<Object> cells, int r, String instance) {
            List<String> groups = new ArrayList<>();
            Object groupsValue = header.groups() < 0 ? null : cell(cells, header.groups());
            if (groupsValue == null) {
                return groups;
            }
            if (instance.startsWith("@") || instance.equals("*")) {
                problems.add(where(header.groups(), r) + ": groups only apply to instance rows, not to '" + instance
                        + "'; clear this cell");
                return groups;
            }
            for (String group : String.valueOf(groupsValue).split(",")) {
                if (!group.isBlank()) {
                    groups.add(group.strip());
                }
            }
            return groups;
        }

        private static Object cell(List<Object> cells, int column) {
            return column < cells.size() ? cells.get(column) : null;
        }

        private static String ref(int column, int row) {
            return CellReference.convertNumToColString(column) + (row + 1);
        }

        private String where(int column, int row) {
            return file + " cell " + ref(column, row);
        }
    }
}
