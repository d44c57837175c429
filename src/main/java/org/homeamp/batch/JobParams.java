package org.homeamp.batch;

import java.time.LocalDate;
import java.util.List;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * Job parameter keys. The business date identifies a run (SPEC §11); a server filter and a
 * {@code --rerun} marker are identifying too, so that they make runs of their own.
 */
public final class JobParams {
    /** The business date, a {@link LocalDate}. */
    public static final String DATE = "date";
    /** Comma-separated server names, sorted; absent = all servers. */
    public static final String SERVERS = "servers";
    /** Present only on a {@code --rerun}: a number that makes a new run for a date that completed. */
    public static final String RERUN = "rerun";

    private JobParams() {
    }

    public static JobParameters of(LocalDate date, List<String> servers, Long rerun) {
        JobParametersBuilder b = new JobParametersBuilder().addLocalDate(DATE, date);
        if (servers != null && !servers.isEmpty()) {
            b.addString(SERVERS, String.join(",", servers.stream().sorted().distinct().toList()));
        }
        if (rerun != null) {
            b.addLong(RERUN, rerun);
        }
        return b.toJobParameters();
    }

    public static LocalDate date(JobParameters params) {
        return params.getLocalDate(DATE);
    }

    /** The server filter, or an empty list for all servers. */
    public static List<String> servers(JobParameters params) {
        String s = params.getString(SERVERS);
        return s == null || s.isBlank() ? List.of() : List.of(s.split(","));
    }
}
