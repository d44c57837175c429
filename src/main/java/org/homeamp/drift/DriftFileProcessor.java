package org.homeamp.drift;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.homeamp.amp.AmpException;
import org.homeamp.baseline.ExpectedFile;
import org.homeamp.baseline.Rules;
import org.homeamp.batch.Problems.Problem;
import org.homeamp.files.InstanceFiles;
import org.homeamp.formats.ConfigParser;
import org.homeamp.formats.ParsedConfig;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Compares one file of an instance with its expected file. The file is read once, up to a size
 * limit, parsed, compared and dropped: memory does not grow with the network. A file that is
 * missing is a finding; one that cannot be read at all is a problem; nothing here crashes the scan.
 */
class DriftFileProcessor implements ItemProcessor<DriftWorkItem, FileResult> {
    private final InstanceFiles files;
    private final Map<String, ExpectedFile> expected;
    private final Rules rules;
    private final long maxBytes;
    private final ConfigParser parser = new ConfigParser();
    private final DriftComparator comparator;

    DriftFileProcessor(InstanceFiles files, Map<String, ExpectedFile> expected, Rules rules, LocalDate today, long maxBytes, SecretMasker masker) {
        this.files = files;
        this.expected = expected;
        this.rules = rules;
        this.maxBytes = maxBytes;
        // "today" for ignore rules' until dates is the run's business date, so a resumed run judges alike
        this.comparator = new DriftComparator(Clock.fixed(today.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC), masker);
    }

    @Override
    public FileResult process(DriftWorkItem item) {
        ExpectedFile exp = expected.get(item.file());
        if (exp == null) {
            // the baselines changed between plan and scan: nothing is expected of this file any more
            return new FileResult(item, List.of(), null);
        }
        ParsedConfig actual;
        try {
            actual = parser.parse(item.file(), readLimited(item.file()));
        } catch (NoSuchFileException e) {
            actual = null;
        } catch (TooLargeException e) {
            return new FileResult(item, List.of(new Finding(item.server(), item.instance(), item.file(), "", FindingKind.UNPARSEABLE, null,
                    null, null, null, item.file() + " is larger than " + (maxBytes >> 20)
                            + " MiB and was not compared. Fix: check the file, or raise the limit")), null);
        } catch (AmpException e) {
            if (e.isTransient() || e instanceof AmpException.Unreachable) {
                // the host is down (retries spent), not the file: fail the chunk so the run fails and 'homeamp restart' resumes here
                throw e;
            }
            return new FileResult(item, List.of(), unreadable(item, e));
        } catch (IOException e) {
            return new FileResult(item, List.of(), unreadable(item, e));
        }
        return new FileResult(item, comparator.compare(item.server(), item.instance(), exp, actual, rules), null);
    }

    private Problem unreadable(DriftWorkItem item, Exception e) {
        return new Problem(item.server(), item.instance(), item.file(), "UNREADABLE",
                "cannot read " + files.describe() + ":" + item.file() + ": " + e.getMessage()
                        + ". Its drift was not checked in this run; fix access and run again");
    }

    private byte[] readLimited(String path) throws IOException {
        try (InputStream in = files.open(path)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new TooLargeException();
            }
            return bytes;
        }
    }

    /** A file over the size limit. */
    static final class TooLargeException extends IOException {
        TooLargeException() {
            super("file too large");
        }
    }
}
