package org.densereg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.densereg.cli.support.ExitCodes;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * {@code --help} prints the usage and exits 0 for every command of the tree that {@link DenseRegMain#commandLine()}
 * builds, at any depth, and {@code help COMMAND} does for every top-level command; a command added later is
 * covered without touching this test. Without {@code --help}, a missing required option is still a usage error.
 */
class HelpForEveryCommandTest {

    @TestFactory
    Stream<DynamicTest> helpOptionPrintsUsageForEveryCommand() {
        List<List<String>> paths = new ArrayList<>();
        collect(DenseRegMain.commandLine(), new ArrayList<>(), paths);
        // the root, the top-level commands and at least bench's and models' subcommands
        assertTrue(paths.contains(List.of("bench", "network")), paths.toString());
        assertTrue(paths.contains(List.of("models", "verify")), paths.toString());
        return paths.stream().flatMap(path -> Stream.of("--help", "-h").map(option -> {
            List<String> args = new ArrayList<>(path);
            args.add(option);
            return DynamicTest.dynamicTest(String.join(" ", args),
                    () -> assertUsage(CliRun.of(args.toArray(String[]::new)), qualifiedName(path)));
        }));
    }

    @TestFactory
    Stream<DynamicTest> helpCommandPrintsUsageForEveryTopLevelCommand() {
        List<String> names = new ArrayList<>(DenseRegMain.commandLine().getSubcommands().keySet());
        assertTrue(names.contains("train") && names.contains("help"), names.toString());
        return names.stream().map(name -> DynamicTest.dynamicTest("help " + name,
                () -> assertUsage(CliRun.of("help", name), qualifiedName(List.of(name)))));
    }

    @Test
    void missingRequiredOptionWithoutHelpIsStillUsageError() {
        CliRun r = CliRun.of("train");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("Missing required option: '--run-dir"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void helpForUnknownCommandIsUsageError() {
        CliRun r = CliRun.of("help", "no-such-command");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("Unknown subcommand 'no-such-command'"), r.err());
    }

    /** Exit 0, nothing on stderr, and a usage line on stdout for exactly this command. */
    private static void assertUsage(CliRun r, String qualifiedName) {
        String report = "exit " + r.code() + "\nstdout:\n" + r.out() + "\nstderr:\n" + r.err();
        assertEquals(ExitCodes.OK, r.code(), report);
        assertEquals("", r.err(), report);
        String usageLine = r.out().lines().filter(l -> l.startsWith("Usage: ")).findFirst().orElse("");
        // "Usage: densereg bench [-hV] [COMMAND]", not the root's or a sibling's usage
        assertTrue(usageLine.startsWith("Usage: " + qualifiedName + " ["), report);
    }

    private static String qualifiedName(List<String> path) {
        return path.isEmpty() ? "densereg" : "densereg " + String.join(" ", path);
    }

    /** Adds the path of {@code cl} and, recursively, of every subcommand below it. */
    private static void collect(CommandLine cl, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        cl.getSubcommands().forEach((name, sub) -> {
            // picocli registers aliases under their own names too; walk each command once, under its name
            if (name.equals(sub.getCommandName())) {
                List<String> child = new ArrayList<>(path);
                child.add(name);
                collect(sub, child, paths);
            }
        });
    }
}
