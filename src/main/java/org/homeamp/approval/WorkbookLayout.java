package org.homeamp.approval;

import java.util.List;

/** Sheet names and column headers shared by the writer and the reader: one place to change them. */
final class WorkbookLayout {
    private WorkbookLayout() {
    }

    static final String READ_ME = "Read me";
    static final String CHANGES = "Changes";
    static final String DRIFT = "Drift";
    static final String UPDATES = "Updates";

    static final String CHANGE_ID = "Change ID";
    static final String SERVER = "Server";
    static final String INSTANCE = "Instance";
    static final String TYPE = "Type";
    static final String PLUGIN = "Plugin";
    static final String FILE = "File";
    static final String SETTING = "Setting";
    static final String CURRENT = "Current";
    static final String PROPOSED = "Proposed";
    static final String DETAILS = "Details";
    static final String APPROVE = "Approve";
    static final String APPROVED_BY = "Approved by";
    static final String NOTE = "Note";
    static final String SIGNATURE = "Signature";

    /** Changes sheet columns in the order written. */
    static final List<String> CHANGE_COLUMNS = List.of(CHANGE_ID, SERVER, INSTANCE, TYPE, PLUGIN, FILE, SETTING,
            CURRENT, PROPOSED, DETAILS, APPROVE, APPROVED_BY, NOTE, SIGNATURE);

    /** Columns the reader cannot do without; Details is for people only and may go. */
    static final List<String> REQUIRED_COLUMNS = List.of(CHANGE_ID, SERVER, INSTANCE, TYPE, PLUGIN, FILE, SETTING,
            CURRENT, PROPOSED, APPROVE, APPROVED_BY, NOTE, SIGNATURE);

    /** Column widths in characters, matching {@link #CHANGE_COLUMNS}. */
    static final int[] CHANGE_WIDTHS = {13, 14, 20, 14, 18, 40, 34, 30, 30, 50, 10, 18, 30, 20};

    static final List<String> DRIFT_COLUMNS = List.of("ID", CHANGE_ID, "Server", "Instance", "File", "Key", "Kind",
            "Expected", "Actual", "State", "First seen");
    static final int[] DRIFT_WIDTHS = {13, 13, 14, 20, 40, 34, 18, 30, 30, 10, 12};

    static final List<String> UPDATE_COLUMNS = List.of("Server", "Instance", "Plugin", "Installed", "Latest",
            "State", "Channel", "Source", "Checksum", "Staged");
    static final int[] UPDATE_WIDTHS = {14, 20, 20, 16, 16, 18, 10, 12, 24, 30};

    /** Label of the Read me row that carries the plan id (the reader's fallback to the property). */
    static final String PLAN_ID_LABEL = "Plan ID";
    /** Custom document property holding the plan id; survives sheet edits. */
    static final String PLAN_ID_PROPERTY = "HomeAMP plan ID";

    /** Excel's limit for text in one cell. */
    static final int MAX_CELL_TEXT = 32_767;
}
