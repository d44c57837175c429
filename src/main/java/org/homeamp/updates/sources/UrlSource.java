package org.homeamp.updates.sources;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import okhttp3.HttpUrl;
import org.homeamp.updates.registry.Channel;
import org.homeamp.updates.registry.RegistryEntry;
import org.homeamp.updates.registry.SourceType;

/**
 * A direct download URL: a {@code HEAD} request gives the file name ({@code Content-Disposition} or the
 * URL's last segment), size and {@code Last-Modified}. The version is group 1 of the entry's
 * {@code version-pattern} on the file name; without one, the Last-Modified date ({@code yyyy.MM.dd})
 * stands in as the version. No checksum: UNVERIFIED.
 */
public final class UrlSource implements UpdateSource {
    private static final Pattern DISPOSITION = Pattern.compile("(?i)filename=\"?([^\";]+)\"?");
    private static final DateTimeFormatter DATE_VERSION = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    private final SourceHttp http;

    public UrlSource(SourceHttp http) {
        this.http = http;
    }

    @Override
    public SourceType type() {
        return SourceType.URL;
    }

    @Override
    public List<Candidate> candidates(RegistryEntry entry, InstalledJar installed) throws SourceException {
        SourceHttp.Answer answer = http.head(entry.project());
        String fileName = null;
        String disposition = answer.header("Content-Disposition");
        if (disposition != null) {
            Matcher matcher = DISPOSITION.matcher(disposition);
            if (matcher.find()) {
                fileName = matcher.group(1);
            }
        }
        if (fileName == null) {
            List<String> segments = HttpUrl.get(entry.project()).pathSegments();
            fileName = segments.isEmpty() ? entry.name() + ".jar" : segments.get(segments.size() - 1);
        }
        Instant modified = null;
        String lastModified = answer.header("Last-Modified");
        if (lastModified != null) {
            try {
                modified = ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException ignored) {
                modified = null;
            }
        }
        String version = null;
        if (entry.versionPattern() != null) {
            Matcher matcher = Pattern.compile(entry.versionPattern()).matcher(fileName);
            if (matcher.find() && matcher.group(1) != null) {
                version = matcher.group(1);
            }
        }
        if (version == null && modified != null) {
            version = DATE_VERSION.format(modified);
        }
        if (version == null) {
            throw new SourceException.Malformed(entry.project() + " gives neither a file name matching version-pattern"
                    + " nor a Last-Modified date: add a version-pattern that reads the version out of " + fileName, null);
        }
        String length = answer.header("Content-Length");
        long size = -1;
        try {
            size = length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException ignored) {
            size = -1;
        }
        return List.of(new Candidate(version, Channel.RELEASE, modified, entry.project(), fileName, size, Map.of(), null, -1));
    }
}
