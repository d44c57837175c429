package org.homeamp.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's config templates under {@code demo/} on the classpath, with {@code @@key@@} tokens. That
 * token form is chosen because it is neither a Jinja/baseline {@code {{var}}} nor a build-time
 * {@code ${version}} placeholder, both of which the product itself must recognise in real files.
 */
final class DemoTemplates {
    private static final Pattern TOKEN = Pattern.compile("@@([a-z0-9-]+)@@");

    private final Map<String, Optional<String>> cache = new ConcurrentHashMap<>();

    /** The raw template, or empty when the classpath has no such file. */
    Optional<String> find(String path) {
        return cache.computeIfAbsent(path, DemoTemplates::read);
    }

    String get(String path) {
        return find(path).orElseThrow(() -> new IllegalStateException(
                "classpath resource /demo/" + path + " is missing from the build"));
    }

    String render(String path, Map<String, String> values) {
        return render(path, get(path), values);
    }

    /** Replaces every token; a token without a value is a bug in the generator, so it fails loudly. */
    static String render(String name, String template, Map<String, String> values) {
        Matcher m = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("demo template " + name + " uses @@" + m.group(1)
                        + "@@ but the generator gave it no value");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Optional<String> read(String path) {
        try (InputStream in = DemoTemplates.class.getResourceAsStream("/demo/" + path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource /demo/" + path, e);
        }
    }
}
