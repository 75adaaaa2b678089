package org.densereg;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of {@code densereg-core} (docs/architecture.md), checked on the compiled classes' real dependencies
 * (imports, calls, field and signature types, fully qualified references alike). A new dependency against the layering
 * fails the build with the rule's text and the offending class and line.
 */
class ArchitectureTest {

    private static final String ROOT = "org.densereg";

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(ROOT);
    }

    private static String pkg(String name) {
        return ROOT + "." + name + "..";
    }

    @Test
    void coreNeverImportsTheCli() {
        check(noClasses().should().dependOnClassesThat().resideInAPackage(pkg("cli"))
                .because("the CLI is a thin shell over core; core is the library a researcher calls from Java"));
    }

    @Test
    void dataIsTheBottomOfTheDataChain() {
        check(noClasses().that().resideInAPackage(pkg("data"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("supervision"), pkg("fit"), pkg("eval"),
                        pkg("train"), pkg("infer"), pkg("trainingdata"), pkg("network"), pkg("model"))
                .because("data holds dataset readers (annotations and images); whatever is built from them lives above"));
    }

    @Test
    void ioDependsOnNoOtherPackageOfCore() {
        check(noClasses().that().resideInAPackage(pkg("io"))
                .should().dependOnClassesThat(new DescribedPredicate<>("are in core outside io") {
                    @Override
                    public boolean test(JavaClass c) {
                        return c.getPackageName().startsWith(ROOT + ".") && !c.getPackageName().startsWith(ROOT + ".io");
                    }
                })
                .because("io is the bottom layer (files, images, atomic writes, bad-input errors); model archives,"
                        + " which know the network, live in model"));
    }

    @Test
    void evalScoresPredictionsWithoutTrainingOrRunningNetworks() {
        check(noClasses().that().resideInAPackage(pkg("eval"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("train"), pkg("infer"), pkg("network"),
                        pkg("model"), pkg("supervision"), pkg("trainingdata"))
                .because("eval scores prediction files of any method; running a model on a benchmark is scoring's job"));
    }

    @Test
    void supervisionIsBuiltFromDatasetsOnly() {
        check(noClasses().that().resideInAPackage(pkg("supervision"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("trainingdata"), pkg("train"), pkg("infer"),
                        pkg("eval"), pkg("network"), pkg("model"))
                .because("supervision turns dataset annotations into ground truth; training data is built on top of it"));
    }

    @Test
    void networkKnowsNothingOfDataTrainingOrInference() {
        check(noClasses().that().resideInAPackage(pkg("network"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("data"), pkg("supervision"),
                        pkg("trainingdata"), pkg("train"), pkg("infer"), pkg("eval"), pkg("model"))
                .because("the network (graphs, layers, the acceleration hook) is used by training and inference alike"));
    }

    @Test
    void acceleratorsAreReachedOnlyThroughTheHook() {
        check(noClasses().that().resideOutsideOfPackage(pkg("network.onednn"))
                .should().dependOnClassesThat().resideInAPackage(pkg("network.onednn"))
                .because("every graph is accelerated, and made portable for saving, through the one hook"
                        + " network.Accelerator (Accelerators.active()); oneDNN is one implementation, found as a"
                        + " service provider, so that another (a GPU one) plugs in beside it without touching callers"));
    }

    @Test
    void modelArchivesKnowNothingOfTrainingOrInference() {
        check(noClasses().that().resideInAPackage(pkg("model"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("train"), pkg("infer"), pkg("eval"),
                        pkg("supervision"), pkg("trainingdata"), pkg("data"))
                .because("a model archive is the network plus its metadata; trainers write it and predictors read it"));
    }

    @Test
    void inferenceDoesNotTrain() {
        check(noClasses().that().resideInAPackage(pkg("infer"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("train"), pkg("trainingdata"), pkg("eval"))
                .because("inference runs a saved model; training and scoring are built on top of it"));
    }

    @Test
    void detectDependsOnIoOnly() {
        check(noClasses().that().resideInAPackage(pkg("detect"))
                .should().dependOnClassesThat(new DescribedPredicate<>("are in core outside detect and io") {
                    @Override
                    public boolean test(JavaClass c) {
                        String p = c.getPackageName();
                        return p.startsWith(ROOT + ".") && !p.equals(ROOT + ".detect") && !p.startsWith(ROOT + ".io");
                    }
                })
                .because("the face detector is a self-contained network with its own weights; inference uses it,"
                        + " it uses nothing of the dense-regression chain"));
    }

    @Test
    void scoringIsOnTopOfTheChain() {
        check(noClasses().that().resideOutsideOfPackage(pkg("scoring"))
                .should().dependOnClassesThat().resideInAPackage(pkg("scoring"))
                .because("scoring runs trained models over benchmarks for eval; eval, infer, train and the data chain"
                        + " stay usable without it"));
    }

    @Test
    void noPackageCycles() {
        check(slices().matching(ROOT + ".(**)").should().beFreeOfCycles()
                .because("dependencies between packages go one way (docs/architecture.md)"));
    }

    /**
     * Read from the sources, not the bytecode: the compiler's own handlers (try-with-resources) catch Throwable.
     */
    @Test
    void noCatchAllHandlers() throws IOException {
        Path sources = Path.of("src", "main", "java");
        assertTrue(Files.isDirectory(sources), "run from the densereg-core module folder: " + sources.toAbsolutePath());
        Pattern catchClause = Pattern.compile("catch\\s*\\(([^)]*)\\)");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = catchClause.matcher(lines.get(i));
                    while (m.find()) {
                        for (String type : m.group(1).replaceAll("\\s+\\w+$", "").split("\\|")) {
                            String simple = type.strip().replaceAll("^final\\s+", "").replaceAll("^java\\.lang\\.", "");
                            if (simple.equals("Exception") || simple.equals("Throwable")) {
                                violations.add(sources.relativize(file) + ":" + (i + 1) + ": catch (" + m.group(1) + ")");
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), violations, "no catch (Exception) / catch (Throwable) in core: catch what can be named"
                + " and let the rest reach the caller (the CLI maps it to an exit code)");
    }

    private static void check(ArchRule rule) {
        rule.check(core);
    }
}
