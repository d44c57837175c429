package org.homeamp.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.homeamp.config.HomeAmpSettings;
import org.homeamp.config.HomeAmpSettings.SourceSettings;
import org.homeamp.config.HomeAmpSettings.SourcesSettings;
import org.homeamp.demo.DemoNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Update sources over real HTTP (mockwebserver3), SMTP against GreenMail, and the spring.* key check. */
class SourceAndMailChecksTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String TOKEN = "ghp_doctorTestToken123";
    private static final String UA = "homeamp-config-manager/test (ops@example.org)";

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    static Path tmp;
    static DemoNetwork network;
    MockWebServer server;

    @BeforeAll
    static void demo() throws IOException {
        network = DoctorDemo.generate(tmp.resolve("demo"));
    }

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void gitHubHeadroomIsShownAndTheTokenSentButNeverPrinted() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("X-RateLimit-Remaining", "4987")
                .addHeader("X-RateLimit-Limit", "5000").body("{}").build());

        CheckResult github = SourceChecks.check(sources("github", server.url("/api").toString()), Map.of("GH_TOKEN", TOKEN)::get, TIMEOUT).get(0);

        assertThat(github.status()).as(github.line()).isEqualTo(CheckStatus.OK);
        assertThat(github.detail()).contains("4987 of 5000 requests left").contains("$GH_TOKEN").doesNotContain(TOKEN);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/rate_limit");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo(UA);
    }

    @Test
    void gitHubNearlyOutOfRequestsWarns() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("X-RateLimit-Remaining", "7").addHeader("X-RateLimit-Limit", "60").build());

        CheckResult github = SourceChecks.check(sources("github", server.url("/").toString()), name -> null, TIMEOUT).get(0);

        assertThat(github.status()).isEqualTo(CheckStatus.WARN);
        assertThat(github.detail()).contains("7 of 60").contains("anonymous");
        assertThat(github.fix()).contains("$GH_TOKEN");
    }

    @Test
    void rejectedTokenAndBlockedUserAgentFail() {
        server.enqueue(new MockResponse.Builder().code(401).build());
        server.enqueue(new MockResponse.Builder().code(403).build());

        CheckResult token = SourceChecks.check(sources("github", server.url("/").toString()), Map.of("GH_TOKEN", TOKEN)::get, TIMEOUT).get(0);
        CheckResult agent = SourceChecks.check(sources("modrinth", server.url("/v2").toString()), name -> null, TIMEOUT).get(0);

        assertThat(token.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(token.detail()).contains("refused the token").doesNotContain(TOKEN);
        assertThat(agent.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(agent.fix()).contains("user-agent");
    }

    @Test
    void unreachableSourceFailsAndOverloadedOneWarns() throws IOException {
        server.enqueue(new MockResponse.Builder().code(503).build());
        CheckResult busy = SourceChecks.check(sources("hangar", server.url("/api/v1").toString()), name -> null, TIMEOUT).get(0);

        CheckResult gone = SourceChecks.check(sources("spiget", "http://127.0.0.1:" + closedPort() + "/v2"), name -> null, TIMEOUT).get(0);

        assertThat(busy.status()).isEqualTo(CheckStatus.WARN);
        assertThat(gone.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(gone.detail()).contains("unreachable");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void smtpServerAnswersEhloAndNoMailIsSent() throws IOException {
        HomeAmpSettings settings = withSpring(Map.of("spring.mail.host", "127.0.0.1",
                "spring.mail.port", String.valueOf(greenMail.getSmtp().getPort()), "spring.mail.password", "mail-secret-value"));

        CheckResult mail = MailCheck.check(settings, TIMEOUT, ServiceUser.current());

        assertThat(mail.status()).as(mail.line()).isEqualTo(CheckStatus.OK);
        assertThat(mail.detail()).contains("answers EHLO").doesNotContain("mail-secret-value");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void smtpServerDownFails() throws IOException {
        HomeAmpSettings settings = withSpring(Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", String.valueOf(closedPort())));

        CheckResult mail = MailCheck.check(settings, TIMEOUT, ServiceUser.current());

        assertThat(mail.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(mail.fix()).contains("spring.mail.host");
    }

    @Test
    void withoutSmtpTheOutboxMustBeWritable() throws IOException {
        HomeAmpSettings settings = withSpring(Map.of());
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Path p = settings.stateDir(); p.startsWith(tmp); p = p.getParent()) {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        ServiceUser nobody = ServiceUser.lookup("nobody").orElseThrow();

        assertThat(MailCheck.check(settings, TIMEOUT, ServiceUser.current()).status()).isEqualTo(CheckStatus.OK);
        CheckResult denied = MailCheck.check(settings, TIMEOUT, nobody);

        assertThat(denied.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(denied.detail()).contains("nobody may not write");
    }

    @Test
    void misspeltSpringKeyNamesTheKnownOne() {
        List<CheckResult> results = SpringKeysCheck.check(Map.of("spring.mail.hots", "smtp.example.org", "spring.mail.password", "pw-value-1",
                "spring.mail.properties.mail.smtp.auth", "true", "spring.frobnicate.level", "9"));

        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.status()).isEqualTo(CheckStatus.WARN));
        assertThat(results.get(1).detail()).startsWith("spring.mail.hots").contains("did you mean spring.mail.host?");
        assertThat(results.get(0).detail()).startsWith("spring.frobnicate.level").doesNotContain("did you mean");
        assertThat(results).allSatisfy(r -> assertThat(r.line()).doesNotContain("pw-value-1").doesNotContain("smtp.example.org"));
        assertThat(SpringKeysCheck.check(Map.of("spring.mail.host", "x")).get(0).status()).isEqualTo(CheckStatus.OK);
    }

    private static SourcesSettings sources(String name, String baseUrl) {
        return new SourcesSettings(Map.of(name, new SourceSettings(baseUrl, name.equals("github") ? "GH_TOKEN" : null)), UA);
    }

    private static HomeAmpSettings withSpring(Map<String, String> spring) {
        HomeAmpSettings s = DoctorDemo.settings(network);
        Map<String, String> merged = new HashMap<>(s.springProperties());
        merged.putAll(spring);
        return new HomeAmpSettings(s.configFile(), s.stateDir(), s.baselinesDir(), s.registryDir(), s.variables(), s.timeZone(), s.parallelism(),
                s.servers(), s.sources(), s.mail(), s.reports(), s.plans(), s.simulator(), Map.copyOf(merged));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
