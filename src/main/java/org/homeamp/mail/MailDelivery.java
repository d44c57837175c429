package org.homeamp.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.homeamp.config.AtomicFiles;
import org.homeamp.config.HomeAmpSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * How every mail of the tool leaves: through SMTP at most once, recorded in {@link MailLedger}, or
 * into the outbox. Shared by the nightly's {@link ReportMailer} and the {@link DeploymentMailer}.
 *
 * <p><b>Never twice, at the price of at most once.</b> Before a message is handed to SMTP, its
 * ledger row is committed with {@code sent_at} empty (a claim, in its own transaction); after SMTP
 * accepted it, {@code sent_at} is set. A later attempt finds the row and sends nothing. If SMTP
 * refuses or cannot be reached, the claim is removed again and {@link MailDeliveryException} is
 * thrown. If the process dies between the claim and the end of the send, nobody can know whether the
 * server got the message: the claim stays and the mail is not sent again (logged as a warning). The
 * other order (send, then record) would risk a second copy after such a crash. An outbox file is
 * written through a temp file and a rename under a fixed name, so writing it again is harmless and
 * needs no claim.
 */
final class MailDelivery {
    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);
    static final String SMTP = "smtp";
    static final String OUTBOX = "outbox";
    static final String SENDER_NAME = "HomeAMP";

    private final HomeAmpSettings settings;
    private final JavaMailSender smtp;
    private final String smtpServer;
    private final MailLedger ledger;
    private final TransactionTemplate ownTransaction;

    /**
     * @param smtp           the configured sender, or {@code null} when {@code spring.mail.host} is not set
     * @param smtpServer     {@code host:port} for messages
     * @param ownTransaction a REQUIRES_NEW template: claims must be committed before the send, whatever the caller's transaction does
     */
    MailDelivery(HomeAmpSettings settings, JavaMailSender smtp, String smtpServer, MailLedger ledger, TransactionTemplate ownTransaction) {
        this.settings = settings;
        this.smtp = smtp;
        this.smtpServer = smtpServer;
        this.ledger = ledger;
        this.ownTransaction = ownTransaction;
    }

    MailLedger ledger() {
        return ledger;
    }

    String smtpServer() {
        return smtpServer;
    }

    /** Whether mail goes through SMTP: a host is configured and {@code mail.to} lists someone (else the outbox). */
    boolean viaSmtp() {
        if (smtp != null && settings.mail().to().isEmpty()) {
            log.warn("mail: spring.mail.host is set but mail.to lists nobody; writing the mail to the outbox instead");
        }
        return smtp != null && !settings.mail().to().isEmpty();
    }

    /**
     * Whether an existing ledger row means "do not send": sent, or claimed by an SMTP send a crash cut
     * short. {@code keptIn} tells the operator where the content can be read instead.
     */
    boolean alreadyHandled(MailLedger.Entry entry, String what, String keptIn) {
        if (entry.sent()) {
            log.info("mail: the {} was already sent ({}, {}); not sending it again", what, entry.transport(), entry.messageId());
            return true;
        }
        if (SMTP.equals(entry.transport())) {
            log.warn("mail: the process stopped while the {} ({}) was being sent; it may have reached the recipients, so it is "
                    + "not sent again. {}", what, entry.messageId(), keptIn);
            return true;
        }
        return false;
    }

    /**
     * Claims, sends and marks one message (see the class comment).
     *
     * @param what what the message is, for the error ({@code the report mail})
     * @param fix  what the operator should do when SMTP fails, appended to the error
     * @throws MailDeliveryException when SMTP accepted the message for nobody; the claim is removed again
     */
    void sendOnce(MailLedger.Kind kind, Object key, MimeMessage message, String messageId, boolean incomplete, String what, String fix) {
        ownTransaction.executeWithoutResult(s -> ledger.claim(kind, key, messageId, SMTP, incomplete));
        try {
            smtp.send(message);
        } catch (MailException e) {
            if (deliveredToSome(e)) {
                log.warn("mail: the SMTP server {} refused some recipients of {}: {}", smtpServer, settings.mail().to(), e.getMessage());
            } else {
                ownTransaction.executeWithoutResult(s -> ledger.release(kind, key));
                throw new MailDeliveryException("cannot send " + what + " through SMTP server " + smtpServer + ": " + rootMessage(e) + fix, e);
            }
        }
        ownTransaction.executeWithoutResult(s -> ledger.markSent(kind, key));
    }

    /** Writes the message to {@code target} (temp file, then rename) and records it as sent through the outbox. */
    Path toOutbox(MailLedger.Kind kind, Object key, MimeMessage message, String messageId, boolean incomplete, Path target) {
        Path file = writeOutbox(message, target);
        ledger.recordSent(kind, key, messageId, OUTBOX, incomplete);
        return file;
    }

    /** A message whose Message-ID is {@code messageId}: the id recipients see is the one the ledger keeps. */
    MimeMessage newMessage(String messageId) {
        return new FixedIdMessage(Session.getInstance(new Properties()), messageId);
    }

    /** {@code mail.from}, with the display name {@code HomeAMP} unless the setting gives one ({@code "Ops <ops@example.org>"}). */
    InternetAddress sender() throws AddressException, UnsupportedEncodingException {
        InternetAddress from = new InternetAddress(settings.mail().from(), true);
        if (from.getPersonal() == null || from.getPersonal().isBlank()) {
            from.setPersonal(SENDER_NAME, "UTF-8");
        }
        return from;
    }

    /** The domain of {@code mail.from}, for Message-IDs. */
    String domain() {
        String from = settings.mail().from();
        int at = from == null ? -1 : from.lastIndexOf('@');
        return at < 0 ? "homeamp.invalid" : from.substring(at + 1);
    }

    private Path writeOutbox(MimeMessage message, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + "-", ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    message.writeTo(out);
                }
                AtomicFiles.moveIntoPlace(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the mail to " + target + ": " + e.getMessage()
                    + ". Fix: check free disk space and permissions, then run homeamp restart", e);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot write the mail to " + target + ": " + e.getMessage(), e);
        }
    }

    /** Whether SMTP accepted the message for at least one recipient: then it went out and must count as sent. */
    private static boolean deliveredToSome(MailException e) {
        if (e instanceof MailSendException mse) {
            for (Exception inner : mse.getMessageExceptions()) {
                for (Throwable t = inner; t != null; t = t.getCause()) {
                    if (t instanceof SendFailedException sfe && sfe.getValidSentAddresses() != null && sfe.getValidSentAddresses().length > 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /**
     * A message whose Message-ID is the caller's rather than a random one: the id stored in the ledger
     * is then the one recipients see, and the outbox file is the same on every write.
     */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
