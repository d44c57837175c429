package org.homeamp.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.homeamp.config.HomeAmpSettings;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

/**
 * The FreeMarker templates of the report pages and the mail ({@code report-templates/}, SPEC §12).
 * Operators may restyle them: a template in {@code <config dir>/report-templates/} wins over one in
 * {@code /opt/homeamp/report-templates/} (where install.sh puts them), which wins over the copy in
 * the jar. The lookup is per template, so a restyled {@code layout.ftlh} alone is enough.
 *
 * <p>{@code .ftlh} templates escape HTML automatically; {@code .ftl} ones (the plain-text mail) do not.
 */
public final class ReportTemplates {
    /** Folder of the templates in the jar and in the repository. */
    public static final String FOLDER = "report-templates";
    /** Where install.sh copies the templates. */
    public static final Path INSTALLED = Path.of("/opt/homeamp", FOLDER);

    private final Configuration freemarker;
    private final List<Path> folders;

    public ReportTemplates(HomeAmpSettings settings) {
        this(candidates(settings));
    }

    /** Templates from the first of these folders that has them, else from the jar. */
    public ReportTemplates(List<Path> folders) {
        this.folders = folders.stream().filter(Files::isDirectory).toList();
        List<TemplateLoader> loaders = new ArrayList<>();
        try {
            for (Path folder : this.folders) {
                loaders.add(new FileTemplateLoader(folder.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report templates: " + e.getMessage(), e);
        }
        loaders.add(new ClassTemplateLoader(ReportTemplates.class, "/" + FOLDER));
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));
        cfg.setDefaultEncoding("UTF-8");
        cfg.setLocale(Locale.ROOT);
        // plain numbers: counts and ids must not read "1,234" in one place and "1234" in another
        cfg.setNumberFormat("computer");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        this.freemarker = cfg;
    }

    private static List<Path> candidates(HomeAmpSettings settings) {
        List<Path> out = new ArrayList<>();
        Path configFile = settings.configFile();
        if (configFile != null && configFile.toAbsolutePath().getParent() != null) {
            out.add(configFile.toAbsolutePath().getParent().resolve(FOLDER));
        }
        out.add(INSTALLED);
        return out;
    }

    /** Folders searched before the jar's own templates (only those that exist). */
    public List<Path> folders() {
        return folders;
    }

    /** Renders a template to the writer. */
    public void render(String template, Object model, Writer out) {
        try {
            freemarker.getTemplate(template).process(model, out);
        } catch (TemplateException e) {
            String what = e.getMessage().lines().findFirst().orElse("")
                    + (e.getBlamedExpressionString() == null ? "" : " " + e.getBlamedExpressionString())
                    + (e.getLineNumber() == null ? "" : " (line " + e.getLineNumber() + ")");
            throw new IllegalStateException("report template " + template + " failed: " + what
                    + ". Fix: correct the template in " + (folders.isEmpty() ? "the jar" : folders.get(0))
                    + " (or remove it to use the shipped one), then run homeamp restart", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render report template " + template + ": " + e.getMessage(), e);
        }
    }

    /** Renders a template to a string. */
    public String render(String template, Object model) {
        StringWriter w = new StringWriter();
        render(template, model, w);
        return w.toString();
    }
}
