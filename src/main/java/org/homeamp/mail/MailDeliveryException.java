package org.homeamp.mail;

/** The report mail could not be handed to the SMTP server; the message says where and what to do. */
public class MailDeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
