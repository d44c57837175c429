package org.homeamp.batch;

import java.util.List;

/** Job names as the operator types them ({@code homeamp run <job>}); also the names in the job repository. */
public final class JobNames {
    public static final String NIGHTLY = "nightly";
    public static final String DISCOVERY = "discovery";
    public static final String DRIFT_SCAN = "drift-scan";
    public static final String REPORT = "report";
    public static final String UPDATE_CHECK = "update-check";
    public static final String DOWNLOAD = "download";
    public static final String DEPLOY = "deploy";
    public static final String ROLLBACK = "rollback";

    /** Jobs that {@code homeamp run} accepts; deploy and rollback are commands of their own. */
    public static final List<String> RUNNABLE = List.of(NIGHTLY, DISCOVERY, DRIFT_SCAN, UPDATE_CHECK, DOWNLOAD, REPORT);

    private JobNames() {
    }
}
