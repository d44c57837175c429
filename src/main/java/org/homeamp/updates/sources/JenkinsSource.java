package org.homeamp.updates.sources;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.homeamp.updates.registry.Channel;
import org.homeamp.updates.registry.RegistryEntry;
import org.homeamp.updates.registry.SourceType;
import tools.jackson.databind.JsonNode;

/**
 * Jenkins (research/update-sources.md §5): {@code {job}/lastSuccessfulBuild/api/json}; the artifact is
 * chosen by the entry's regex and downloaded from {@code {build.url}artifact/{relativePath}}. The build
 * number is the order and is kept beside the version ({@link Candidate#buildNumber()}), not in it; the
 * version is read from the artifact's file name (group 1 of the entry's {@code version-pattern} when given). Jenkins publishes no usable checksum: UNVERIFIED. A project that
 * is not an absolute URL is a job path under the configured {@code sources.jenkins.base-url}.
 * Jenkins builds count as the release channel: choosing a CI as the source is choosing its builds.
 */
public final class JenkinsSource implements UpdateSource {
    private static final Pattern FILE_VERSION = Pattern.compile("(\\d+(?:\\.\\d+)+(?:-(?i:snapshot|dev|alpha|beta|pre|rc)[\\w.]*)?)");

    private final SourceHttp http;
    private final String baseUrl;

    /** @param baseUrl base for job paths that are not absolute URLs, or {@code null} */
    public JenkinsSource(SourceHttp http, String baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl == null ? null : Json.trimSlash(baseUrl);
    }

    @Override
    public SourceType type() {
        return SourceType.JENKINS;
    }

    @Override
    public List<Candidate> candidates(RegistryEntry entry, InstalledJar installed) throws SourceException {
        String job = jobUrl(entry.project());
        String url = job + "lastSuccessfulBuild/api/json";
        JsonNode build = Json.read(http.get(url), "a build");
        long number = build.path("number").asLong(-1);
        String buildUrl = Json.text(build, "url");
        if (number < 0 || buildUrl == null) {
            throw new SourceException.Malformed(url + " answered without a build number and url", null);
        }
        List<JsonNode> artifacts = new ArrayList<>();
        build.path("artifacts").values().forEach(artifacts::add);
        JsonNode artifact = Assets.choose(artifacts, a -> Json.text(a, "fileName"), entry);
        if (artifact == null) {
            throw new SourceException.Refused("build " + number + " of " + job + " has no artifact matching "
                    + (entry.asset() == null ? "a plugin jar" : "asset '" + entry.asset() + "'")
                    + ": check the registry entry's asset against the job's artifacts");
        }
        String fileName = Json.text(artifact, "fileName");
        long timestamp = build.path("timestamp").asLong(0);
        return List.of(new Candidate(version(fileName, entry.versionPattern(), number), Channel.RELEASE,
                timestamp > 0 ? Instant.ofEpochMilli(timestamp) : null,
                (buildUrl.endsWith("/") ? buildUrl : buildUrl + "/") + "artifact/" + Json.text(artifact, "relativePath"),
                fileName, -1, Map.of(), buildUrl, number));
    }

    private String jobUrl(String project) throws SourceException {
        String url = project;
        if (!project.startsWith("http://") && !project.startsWith("https://")) {
            if (baseUrl == null) {
                throw new SourceException.Refused("Jenkins job '" + project + "' is not a URL and no "
                        + "sources.jenkins.base-url is configured: write the job's full URL in the registry");
            }
            StringBuilder path = new StringBuilder(baseUrl);
            for (String part : project.split("/")) {
                path.append("/job/").append(part);
            }
            url = path.toString();
        }
        return url.endsWith("/") ? url : url + "/";
    }

    /**
     * The version the artifact's file name says: group 1 of the entry's {@code version-pattern} when it
     * matches (as every source's versions are read for comparison), else the numeric core. The build
     * number is not part of it: it is the candidate's own field, shown beside the version (D-U11).
     */
    static String version(String fileName, String versionPattern, long build) {
        String name = fileName.replaceFirst("(?i)\\.jar$", "");
        if (versionPattern != null) {
            Matcher matcher = Pattern.compile(versionPattern).matcher(fileName);
            if (matcher.find() && matcher.groupCount() >= 1 && matcher.group(1) != null) {
                return matcher.group(1);
            }
        }
        Matcher matcher = FILE_VERSION.matcher(name);
        return matcher.find() ? matcher.group(1) : "build " + build;
    }
}
