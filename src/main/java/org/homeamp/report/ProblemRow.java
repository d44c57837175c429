package org.homeamp.report;

/** One row of {@code problems.html}: a stored problem, or an unparseable file from the drift scan. */
public record ProblemRow(String job, String server, String instance, String path, String kind, String message) {

    public String where() {
        StringBuilder b = new StringBuilder();
        if (server != null) {
            b.append(server);
        }
        if (instance != null) {
            b.append(b.isEmpty() ? "" : "/").append(instance);
        }
        if (path != null) {
            b.append(b.isEmpty() ? "" : ": ").append(path);
        }
        return b.toString();
    }
}
