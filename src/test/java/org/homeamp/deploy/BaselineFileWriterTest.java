package org.homeamp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** Escaping of .properties values written for new files, checked with the JDK's own reader. */
class BaselineFileWriterTest {

    @Test
    void propertiesEscapesReadBackAsTheSameKeysAndValues() throws Exception {
        List<String[]> pairs = List.of(new String[] {"motd", "Welcome: a=b #1!"}, new String[] {"key with space", " leading"},
                new String[] {"path", "C:\\games\\mc"}, new String[] {"multi", "line1\nline2"}, new String[] {"ümlaut", "größe"});
        StringBuilder text = new StringBuilder();
        for (String[] p : pairs) {
            text.append(BaselineFileWriter.escape(p[0], true)).append('=').append(BaselineFileWriter.escape(p[1], false)).append('\n');
        }
        Properties read = new Properties();
        read.load(new java.io.StringReader(new String(text.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
        for (String[] p : pairs) {
            assertThat(read.getProperty(p[0])).as(p[0]).isEqualTo(p[1]);
        }
    }
}
