package org.homeamp.staging;

import org.homeamp.config.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.homeamp.files.LocalInstanceFiles;
import org.homeamp.inventory.InspectedJar;
import org.homeamp.inventory.JarInspector;
import org.homeamp.inventory.JarStatus;
import org.homeamp.inventory.WorkItem;
import org.homeamp.updates.sources.HashAlgorithm;
import org.homeamp.updates.sources.HostGates;
import org.homeamp.updates.sources.HostLimit;
import org.homeamp.updates.sources.TransientRetry;

/**
 * Stages one published plugin file (SPEC §8) as {@code <staging>/<Plugin>/<version>/<file>}: streamed to
 * a temp file inside that folder, size and published checksum verified, opened as a jar whose descriptor
 * name is the plugin's, then moved into place atomically, so a file in staging is always whole and
 * checked. Refused with a reason (never an exception): a non-loopback {@code http://} URL, a redirect loop
 * or more than {@value #MAX_REDIRECTS} redirects, an HTML page, a file over the size limit, a size or
 * checksum mismatch, a jar of another plugin; a refusal leaves nothing in staging. A verified file
 * already there is kept without a request. A host that is busy or down (429, 5xx, timeout, reset) is
 * retried with {@code Retry-After} honoured ({@link TransientRetry}); after the budget the outcome is a
 * {@linkplain StagingOutcome#transientFailure() transient failure} naming the cause, never a refusal.
 *
 * <p>Thread-safe: the download step stages several files at once (D-C9). Each file host gets at most
 * {@link HostLimit#DEFAULT}'s requests at once and per second ({@link HostGates}, inside the retry, so a
 * file waiting out a {@code Retry-After} holds no slot); files of one plugin are staged one after the
 * other, since they share the plugin's folder, which a refusal's clean-up removes when empty.
 */
public final class JarDownloader {
    static final int MAX_REDIRECTS = 5;
    /** Default size limit: far above any plugin jar, far below what fills a disk. */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;
    private static final String PARTIAL = ".partial";

    /** Retries per file: as the update check, 2 after the first attempt, at most a minute's wait each. */
    static final int MAX_RETRIES = 2;

    private final OkHttpClient client;
    private final Path stagingDir;
    private final long maxBytes;
    private final String userAgent;
    private final TransientRetry retry;
    private final Duration firstBackoff;
    /** One lock per plugin folder of staging. */
    private final Map<Path, Object> pluginFolders = new ConcurrentHashMap<>();

    /**
     * With the default retry budget ({@value #MAX_RETRIES} retries, at most 60 s per wait, backoff from 1 s).
     *
     * @param client     a client; redirects are switched off on a copy, since this class follows them itself
     * @param stagingDir {@code <state-dir>/staging}
     * @param maxBytes   the largest file accepted
     */
    public JarDownloader(OkHttpClient client, Path stagingDir, long maxBytes, String userAgent) {
        this(client, stagingDir, maxBytes, userAgent, new TransientRetry(MAX_RETRIES, Duration.ofSeconds(60), Duration.ofSeconds(1),
                Clock.systemUTC()), Duration.ofSeconds(1));
    }

    /**
     * @param retry        retries 429/5xx/timeouts/resets of each request, honouring Retry-After (D-U10)
     * @param firstBackoff wait before downloading again after a connection broke mid-file; doubles per retry
     */
    JarDownloader(OkHttpClient client, Path stagingDir, long maxBytes, String userAgent, TransientRetry retry, Duration firstBackoff) {
        HostGates hosts = new HostGates(Map.of(), HostLimit.DEFAULT, Duration.ofSeconds(60), Clock.systemUTC());
        this.client = client.newBuilder().followRedirects(false).followSslRedirects(false).addInterceptor(retry).addInterceptor(hosts).build();
        this.stagingDir = stagingDir;
        this.maxBytes = maxBytes;
        this.userAgent = userAgent;
        this.retry = retry;
        this.firstBackoff = firstBackoff;
    }

    /** The file's place in staging. */
    public Path target(StagingRequest request) {
        return stagingDir.resolve(segment(request.plugin())).resolve(segment(request.version())).resolve(fileName(request));
    }

    /** Stages the file, or says why not. */
    public StagingOutcome stage(StagingRequest request) {
        Path target = target(request);
        synchronized (pluginFolders.computeIfAbsent(target.getParent().getParent(), folder -> new Object())) {
            return stage(request, target);
        }
    }

    private StagingOutcome stage(StagingRequest request, Path target) {
        boolean verifiable = request.algorithm() != HashAlgorithm.UNVERIFIED && request.checksum() != null;
        try {
            if (verifiable && Files.isRegularFile(target) && request.checksum().equalsIgnoreCase(DownloadChecks.hash(target, request.algorithm()))) {
                return StagingOutcome.staged(StagingState.STAGED, target, false);
            }
        } catch (IOException e) {
            // an unreadable staged file is downloaded again below
        }
        if (request.size() > maxBytes) {
            return StagingOutcome.failed(request.url() + " publishes " + request.size() + " bytes, over the limit of " + maxBytes
                    + " bytes: refused. Fix: raise homeamp.staging.max-bytes if this plugin is really that large");
        }
        Path partialDir = target.getParent().resolve(PARTIAL);
        Path temp = partialDir.resolve("plugins").resolve(target.getFileName().toString());
        try {
            String refusal = downloadRetryingBrokenTransfers(request, temp);
            if (refusal == null) {
                refusal = inspect(request, partialDir, temp);
            }
            if (refusal != null) {
                return StagingOutcome.failed(refusal);
            }
            AtomicFiles.moveIntoPlace(temp, target);
            return StagingOutcome.staged(verifiable ? StagingState.STAGED : StagingState.UNVERIFIED, target, true);
        } catch (TransientRetry.GaveUp e) {
            return StagingOutcome.unavailable(gaveUp(request, e));
        } catch (HostGates.BudgetSpent e) {
            return StagingOutcome.unavailable("downloading " + request.url() + ": " + e.getMessage() + "; nothing is known to be wrong "
                    + "with the file. Fix: run the download again later (homeamp run download --rerun)");
        } catch (IOException e) {
            if (TransientRetry.isTransient(e)) {
                return StagingOutcome.unavailable("downloading " + request.url() + " broke off (" + e.getMessage() + ") " + (MAX_RETRIES + 1)
                        + " times: the host or the network is unreliable, nothing is known to be wrong with the file. "
                        + "Fix: run the download again later (homeamp run download --rerun)");
            }
            return StagingOutcome.failed("downloading " + request.url() + " failed: " + e.getMessage()
                    + ". Fix: check the network and free space under " + stagingDir + ", then run the download again");
        } finally {
            cleanUp(partialDir, target);
        }
    }

    /** How many retries were made so far, for tests and the summary. */
    long retries() {
        return retry.retries();
    }

    /**
     * The interceptor retries what fails before the body starts; a connection that breaks while the body
     * streams (reset, timeout) is retried here, from the start of the file, with the same budget.
     */
    private String downloadRetryingBrokenTransfers(StagingRequest request, Path temp) throws IOException {
        for (int attempt = 0;; attempt++) {
            try {
                return download(request, temp);
            } catch (TransientRetry.GaveUp e) {
                throw e;
            } catch (IOException e) {
                if (!TransientRetry.isTransient(e) || attempt >= MAX_RETRIES || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                Files.deleteIfExists(temp);
                try {
                    Thread.sleep(firstBackoff.multipliedBy(1L << attempt).toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The reason for a file the host would not serve within the retry budget: the real cause, and that the file may be fine. */
    private static String gaveUp(StagingRequest request, TransientRetry.GaveUp e) {
        String cause;
        if (e.rateLimited()) {
            cause = "rate limited by host " + e.host() + " (HTTP 429" + (e.retryAfter() == null ? "" : ", Retry-After "
                    + e.retryAfter().toSeconds() + " s") + ")";
        } else if (e.status() > 0) {
            cause = "host " + e.host() + " answered HTTP " + e.status() + (e.retryAfter() == null ? "" : " (Retry-After "
                    + e.retryAfter().toSeconds() + " s)");
        } else if (e.timedOut()) {
            cause = "host " + e.host() + " did not answer in time (" + e.getCause().getMessage() + ")";
        } else {
            cause = "host " + e.host() + " could not be reached (" + e.getCause().getMessage() + ")";
        }
        return "downloading " + request.url() + ": " + cause + " after " + e.attempts() + " attempt(s); the host is busy or down, "
                + "nothing is known to be wrong with the file. Fix: run the download again later (homeamp run download --rerun)";
    }

    /** Follows redirects itself to bound them; streams the body to {@code temp}. Returns a refusal, or {@code null} when done. */
    private String download(StagingRequest request, Path temp) throws IOException {
        HttpUrl url = HttpUrl.parse(request.url());
        if (url == null) {
            return "'" + request.url() + "' is not an http(s) URL: refused. Fix: check the registry entry's source";
        }
        Set<HttpUrl> visited = new HashSet<>();
        for (int redirects = 0;; redirects++) {
            String refusal = DownloadChecks.refuseScheme(url);
            if (refusal != null) {
                return refusal;
            }
            if (!visited.add(url)) {
                return request.url() + " redirects in a loop (back to " + url + "): refused. Fix: the source is misconfigured; try later or report it";
            }
            Request.Builder builder = new Request.Builder().url(url).header("User-Agent", userAgent);
            try (Response response = client.newCall(builder.build()).execute()) {
                if (response.isRedirect()) {
                    String location = response.header("Location");
                    HttpUrl next = location == null ? null : url.resolve(location);
                    if (next == null) {
                        return url + " answered HTTP " + response.code() + " without a usable Location: refused";
                    }
                    if (redirects + 1 > MAX_REDIRECTS) {
                        return request.url() + " redirects more than " + MAX_REDIRECTS + " times: refused. Fix: the source is misconfigured; try later";
                    }
                    url = next;
                    continue;
                }
                if (response.code() == 404 || response.code() == 410) {
                    return url + " answered HTTP " + response.code() + ". Fix: check the plugin's page; the file may have been withdrawn";
                }
                if (!response.isSuccessful()) {
                    return url + " answered HTTP " + response.code() + ": the host will not serve the file. Fix: check the plugin's page "
                            + "and the registry entry's source";
                }
                return save(request, url, response, temp);
            }
        }
    }

    private String save(StagingRequest request, HttpUrl url, Response response, Path temp) throws IOException {
        String type = response.header("Content-Type", "");
        if (type.toLowerCase(Locale.ROOT).startsWith("text/html")) {
            return url + " served an HTML page (" + type + ") instead of a jar: refused. Fix: the download needs a browser "
                    + "(login, captcha, external site); download it by hand or choose another source";
        }
        ResponseBody body = response.body();
        if (body.contentLength() > maxBytes) {
            return url + " announces " + body.contentLength() + " bytes, over the limit of " + maxBytes + " bytes: refused";
        }
        Files.createDirectories(temp.getParent());
        MessageDigest digest = request.algorithm() == HashAlgorithm.UNVERIFIED ? null : DownloadChecks.digest(request.algorithm());
        long size = 0;
        try (InputStream in = body.byteStream(); OutputStream out = Files.newOutputStream(temp)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            boolean first = true;
            while ((n = in.read(buf)) > 0) {
                if (first && DownloadChecks.startsLikeMarkup(buf, n)) {
                    return url + " served a page starting with '<' instead of a jar: refused. Fix: the download needs a browser; "
                            + "download it by hand or choose another source";
                }
                first = false;
                size += n;
                if (size > maxBytes) {
                    return url + " sent more than the limit of " + maxBytes + " bytes: refused";
                }
                if (digest != null) {
                    digest.update(buf, 0, n);
                }
                out.write(buf, 0, n);
            }
        }
        if (request.size() >= 0 && size != request.size()) {
            return url + " sent " + size + " bytes but the source publishes " + request.size()
                    + ": refused, nothing staged. Fix: run the download again; if it persists the source is serving a bad file";
        }
        if (digest != null) {
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equalsIgnoreCase(request.checksum())) {
                return url + " sent a file whose " + request.algorithm().name().toLowerCase(Locale.ROOT) + " is " + actual
                        + " but the source publishes " + request.checksum() + ": refused, nothing staged. Fix: run the download again; "
                        + "if it persists the file may have been tampered with, so report it to the plugin's authors";
            }
        }
        return null;
    }

    /** Opens the downloaded file as a plugin jar with the same reader discovery uses. */
    private static String inspect(StagingRequest request, Path partialDir, Path temp) throws IOException {
        WorkItem item = new WorkItem("staging", request.plugin(), null, temp.getFileName().toString(), Files.size(temp));
        InspectedJar jar = new JarInspector().inspect(item, new LocalInstanceFiles(partialDir, "staging " + partialDir));
        if (jar == null || jar.status() != JarStatus.OK) {
            return request.url() + " did not give a plugin jar (" + (jar == null ? "vanished" : jar.problem()) + "): refused";
        }
        if (!jar.descriptor().name().equalsIgnoreCase(request.plugin())) {
            return request.url() + " is the plugin '" + jar.descriptor().name() + "', not '" + request.plugin()
                    + "': refused. Fix: correct the registry entry's project or asset";
        }
        return null;
    }

    /** Removes the temp folder, and the version and plugin folders when nothing was staged in them. */
    private void cleanUp(Path partialDir, Path target) {
        try {
            if (Files.exists(partialDir)) {
                try (Stream<Path> walk = Files.walk(partialDir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            for (Path dir : List.of(target.getParent(), target.getParent().getParent())) {
                try {
                    Files.deleteIfExists(dir);
                } catch (DirectoryNotEmptyException keep) {
                    return;
                }
            }
        } catch (IOException e) {
            // leftovers in a .partial folder are overwritten by the next attempt
        }
    }

    private static String fileName(StagingRequest request) {
        String name = request.fileName();
        if (name == null || name.isBlank()) {
            HttpUrl url = HttpUrl.parse(request.url());
            List<String> segments = url == null ? List.of() : url.pathSegments();
            name = segments.isEmpty() ? "" : segments.get(segments.size() - 1);
            // Spiget and Jenkins end in /download or /artifact: such a name says nothing, the plugin and version do.
            if (!name.toLowerCase(Locale.ROOT).endsWith(".jar")) {
                name = "";
            }
        }
        name = segment(name);
        return name.isEmpty() || name.equals("_") ? segment(request.plugin()) + "-" + segment(request.version()) + ".jar" : name;
    }

    /** A safe single path segment: no separators, no leading dot (so never '..' or a hidden file). */
    static String segment(String value) {
        String s = value == null ? "" : value.strip().replaceAll("[/\\\\:*?\"<>|\\x00-\\x1f]", "_");
        while (s.startsWith(".")) {
            s = "_" + s.substring(1);
        }
        return s.isEmpty() ? "_" : s;
    }
}
