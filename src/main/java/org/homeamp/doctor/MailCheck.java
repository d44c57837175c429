package org.homeamp.doctor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLSocketFactory;

import org.homeamp.config.HomeAmpSettings;
import org.homeamp.doctor.ServiceUser.Access;

/**
 * Mail: with {@code spring.mail.host}, the SMTP server greets and answers EHLO (no login, no mail
 * sent); without it, the outbox the mails are written to is writable by the service user.
 */
final class MailCheck {
    private MailCheck() {
    }

    static CheckResult check(HomeAmpSettings settings, Duration timeout, ServiceUser user) {
        Map<String, String> spring = settings.springProperties();
        String host = spring.get("spring.mail.host");
        if (host == null || host.isBlank()) {
            return outbox(settings.stateDir().resolve("outbox"), user);
        }
        int port;
        try {
            port = Integer.parseInt(spring.getOrDefault("spring.mail.port", "25").trim());
        } catch (NumberFormatException e) {
            return CheckResult.fail("mail", "spring.mail.port '" + spring.get("spring.mail.port") + "' is not a number",
                    "set spring.mail.port to the SMTP port (25, 465 or 587)");
        }
        boolean ssl = Boolean.parseBoolean(spring.getOrDefault("spring.mail.properties.mail.smtp.ssl.enable", "false"));
        String where = "SMTP " + host + ":" + port + (ssl ? " (SSL)" : "");
        try (Socket socket = ssl ? SSLSocketFactory.getDefault().createSocket() : new Socket()) {
            int millis = (int) timeout.toMillis();
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            String greeting = reply(in);
            if (!greeting.startsWith("220")) {
                return CheckResult.fail("mail", where + " greeted with '" + greeting + "' instead of 220",
                        "check that spring.mail.host and spring.mail.port name an SMTP server");
            }
            out.write(("EHLO " + localName() + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String ehlo = reply(in);
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (!ehlo.startsWith("250")) {
                return CheckResult.fail("mail", where + " answered EHLO with '" + ehlo + "'", "check the mail server's log for why it refuses this host");
            }
            String recipients = settings.mail().to().isEmpty() ? "" : ", mails to " + String.join(", ", settings.mail().to());
            if (settings.mail().to().isEmpty()) {
                return CheckResult.warn("mail", where + " answers EHLO, but homeamp.mail.to lists nobody: mails go to the outbox",
                        "add the operators' addresses to homeamp.mail.to");
            }
            return CheckResult.ok("mail", where + " answers EHLO (no mail sent" + recipients + ")");
        } catch (IOException e) {
            return CheckResult.fail("mail", where + " unreachable: " + e.getMessage(),
                    "check spring.mail.host and spring.mail.port in " + settings.configFile() + ", and the firewall;"
                            + " without spring.mail.host mails are written to " + settings.stateDir().resolve("outbox"));
        }
    }

    private static CheckResult outbox(Path outbox, ServiceUser user) {
        try {
            Path existing = outbox;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null && user.may(existing, Access.WRITE)) {
                return CheckResult.ok("mail", "no spring.mail.host: mails are written to " + outbox + ", writable by " + user.name());
            }
            return CheckResult.fail("mail", "no spring.mail.host, and " + user.name() + " may not write " + (existing == null ? outbox : existing),
                    "chown -R " + user.name() + " " + outbox.getParent() + ", or set spring.mail.host to send mail by SMTP");
        } catch (IOException e) {
            return CheckResult.fail("mail", "cannot read the attributes of " + outbox + ": " + e.getMessage(), "check the state dir");
        }
    }

    /** One SMTP reply, multi-line ones ("250-...") read to their last line; returns its first line. */
    private static String reply(BufferedReader in) throws IOException {
        String first = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (first == null) {
                first = line;
            }
            if (line.length() < 4 || line.charAt(3) != '-') {
                break;
            }
        }
        if (first == null) {
            throw new IOException("the server closed the connection");
        }
        return first;
    }

    private static String localName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
