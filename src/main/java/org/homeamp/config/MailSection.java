package org.homeamp.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.homeamp.config.HomeAmpSettings.MailSettings;

/** {@code homeamp.mail}: recipients and sender; SMTP itself comes from {@code spring.mail.*}. */
final class MailSection {
    private static final List<String> MAIL_KEYS = List.of("to", "from");
    private static final Pattern MAIL_ADDRESS = Pattern.compile("[^@\\s<>,;\"]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?");
    /** Sender when {@code mail.from} is not set; a local address no relay will mistake for a real one. */
    static final String DEFAULT_MAIL_FROM = "homeamp@localhost";

    private final Problems problems;

    MailSection(Problems problems) {
        this.problems = problems;
    }

    MailSettings mail(ConfigMap homeamp) {
        ConfigMap mail = homeamp.map("mail", MAIL_KEYS, "{ to: [ops@example.org], from: homeamp@example.org }");
        if (mail == null) {
            return new MailSettings(List.of(), DEFAULT_MAIL_FROM);
        }
        List<String> to = new ArrayList<>();
        List<ConfigMap.Item> items = mail.list("to", "[ops@example.org]");
        for (ConfigMap.Item item : items == null ? List.<ConfigMap.Item>of() : items) {
            String address = mail.stringItem(item, "ops@example.org");
            if (address != null && checkAddress(item.line(), item.path(), address)) {
                to.add(address.strip());
            }
        }
        String from = mail.string("from", "homeamp@example.org");
        if (from == null) {
            from = DEFAULT_MAIL_FROM;
        } else if (!checkAddress(mail.line("from"), mail.path("from"), from)) {
            from = null;
        }
        return new MailSettings(List.copyOf(to), from == null ? null : from.strip());
    }

    private boolean checkAddress(int line, String keyPath, String address) {
        if (MAIL_ADDRESS.matcher(address.strip()).matches()) {
            return true;
        }
        problems.add(line, keyPath, address, "is not a mail address",
                "write a plain address such as ops@example.org (no display name, one address per list entry)");
        return false;
    }
}
