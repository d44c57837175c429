package org.homeamp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure of {@code docs/architecture.md}, enforced on the production classes: no
 * cycles between the top-level packages, and dependencies only downwards through the layers
 * {@code cli → jobs → features → formats / ports / batch → config}, with {@code demo} beside the
 * command line. A new package must be placed in a layer here, or the layer check fails.
 *
 * <p>The second half runs the same rules on the production classes plus two deliberate violations
 * (test classes named {@code ArchFixture*}), to show that the rules catch what they claim to.
 */
class ArchitectureTest {
    private static final String ROOT = "org.homeamp";

    /**
     * Dependencies the rules do not yet hold, each with the reason and the owner who removes it. The
     * layer rule ignores exactly these (origin class → target class); keep the list short and empty
     * it as the code gets fixed.
     */
    static final List<KnownException> KNOWN_EXCEPTIONS = List.of();

    /** A tolerated dependency from one class to another. */
    record KnownException(String originClass, String targetClass, String reason) {
    }

    private static JavaClasses production;
    private static JavaClasses withViolations;

    @BeforeAll
    static void importClasses() throws URISyntaxException {
        // The two output folders, not the package on the whole classpath: scanning every jar is slow.
        Path mainClasses = Path.of(HomeAmpApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path testClasses = Path.of(ArchitectureTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        production = new ClassFileImporter().importPath(mainClasses);
        withViolations = new ClassFileImporter()
                .withImportOption(location -> !location.contains(testClasses.toUri().toString()) || location.contains("/ArchFixture"))
                .importPaths(mainClasses, testClasses);
    }

    /** Top-level packages ({@code org.homeamp.drift}, {@code org.homeamp.updates} with its sub-packages, …). */
    static ArchRule noCyclesBetweenPackages() {
        return slices().matching(ROOT + ".(*)..").namingSlices("$1").should().beFreeOfCycles();
    }

    /**
     * The allowed directions. Job wiring ({@code *JobConfig} classes and {@code nightly}) lives in
     * the feature packages but is its own layer above them, so that no feature logic depends on a
     * job's wiring.
     */
    static ArchRule layers() {
        LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture()
                .layer("Application").definedBy(ROOT)
                .layer("Cli").definedBy(ROOT + ".cli..")
                .layer("Demo").definedBy(ROOT + ".demo..")
                .layer("Jobs").definedBy(jobWiring())
                .layer("Features").definedBy(DescribedPredicate.and(inPackages("inventory", "drift", "baseline", "variables",
                        "updates", "updates.versions", "staging", "report", "approval", "mail", "deploy", "doctor", "database"), DescribedPredicate.not(jobWiring())))
                .layer("Formats").definedBy(ROOT + ".formats..")
                .layer("Ports").definedBy(ROOT + ".amp..", ROOT + ".files..", ROOT + ".updates.sources..", ROOT + ".updates.registry..")
                .layer("Batch").definedBy(ROOT + ".batch..")
                .layer("Config").definedBy(ROOT + ".config..")

                .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("Application").mayOnlyBeAccessedByLayers("Cli")
                .whereLayer("Application").mayOnlyAccessLayers("Config")
                .whereLayer("Demo").mayOnlyBeAccessedByLayers("Cli")
                .whereLayer("Jobs").mayOnlyAccessLayers("Features", "Formats", "Ports", "Batch", "Config")
                .whereLayer("Features").mayOnlyAccessLayers("Formats", "Ports", "Batch", "Config")
                .whereLayer("Formats").mayOnlyAccessLayers("Config")
                .whereLayer("Ports").mayOnlyAccessLayers("Config")
                .whereLayer("Batch").mayOnlyAccessLayers("Config")
                .whereLayer("Config").mayNotAccessAnyLayer();
        for (KnownException exception : KNOWN_EXCEPTIONS) {
            rule = rule.ignoreDependency(exception.originClass(), exception.targetClass());
        }
        return rule;
    }

    /** Within the features, the config model is below the drift scan that uses it. */
    static ArchRule baselineAndVariablesAreBelowDrift() {
        return noClasses()
                .that().resideInAnyPackage(ROOT + ".baseline..", ROOT + ".variables..", ROOT + ".formats..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".drift..", ROOT + ".report..");
    }

    @Test
    void topLevelPackagesHaveNoCycles() {
        noCyclesBetweenPackages().check(production);
    }

    @Test
    void dependenciesGoDownTheLayers() {
        layers().check(production);
    }

    @Test
    void baselineVariablesAndFormatsDoNotUseDrift() {
        baselineAndVariablesAreBelowDrift().check(production);
    }

    @Test
    void cycleThroughTheFixtureIsReported() {
        // ArchFixtureConfigUsesCli (in config's test package) makes config → cli → config.
        EvaluationResult result = noCyclesBetweenPackages().evaluate(withViolations);

        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails())).contains("ArchFixtureConfigUsesCli");
    }

    @Test
    void upwardDependenciesOfTheFixturesAreReported() {
        EvaluationResult layers = layers().evaluate(withViolations);
        EvaluationResult drift = baselineAndVariablesAreBelowDrift().evaluate(withViolations);

        String layerReport = String.join("\n", layers.getFailureReport().getDetails());
        assertThat(layerReport).contains("ArchFixtureFormatsUsesDrift").contains("ArchFixtureConfigUsesCli");
        assertThat(String.join("\n", drift.getFailureReport().getDetails())).contains("ArchFixtureFormatsUsesDrift");
    }

    @Test
    void knownExceptionsNameRealClasses() {
        for (KnownException exception : KNOWN_EXCEPTIONS) {
            assertThat(production.contain(exception.originClass())).as(exception.originClass()).isTrue();
            assertThat(production.contain(exception.targetClass())).as(exception.targetClass()).isTrue();
            assertThat(exception.reason()).isNotBlank();
        }
    }

    /** {@code *JobConfig} classes (and their nested classes) and everything in {@code nightly}. */
    private static DescribedPredicate<JavaClass> jobWiring() {
        return DescribedPredicate.describe("job wiring (*JobConfig, nightly)", c -> {
            if (!c.getPackageName().startsWith(ROOT + ".") || c.isArray()) {
                return false;
            }
            String topLevel = c.getName().substring(c.getPackageName().length() + 1).split("\\$", 2)[0];
            return topLevel.endsWith("JobConfig") || c.getPackageName().equals(ROOT + ".nightly");
        });
    }

    /** Classes directly in one of the given sub-packages of the root (not in their sub-packages). */
    private static DescribedPredicate<JavaClass> inPackages(String... packages) {
        List<String> names = Arrays.stream(packages).map(p -> ROOT + "." + p).toList();
        return DescribedPredicate.describe("in " + names, c -> names.contains(c.getPackageName()));
    }
}
