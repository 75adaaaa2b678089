package org.densereg.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the real third-party data for {@code dataset}-tagged tests: {@code $DENSEREG_SHARED_DATA}, else
 * {@code ../shared/data} beside the project root. Tests skip with a reason when it is absent.
 */
public final class SharedData {

    private SharedData() {
    }

    /** The shared data root, or null when not available. */
    public static Path rootOrNull() {
        String env = System.getenv("DENSEREG_SHARED_DATA");
        if (env != null && !env.isBlank()) {
            Path p = Paths.get(env);
            return Files.isDirectory(p) ? p : null;
        }
        String projectRoot = System.getProperty("densereg.projectRoot", "..");
        Path p = Paths.get(projectRoot).resolve("../shared/data").normalize();
        return Files.isDirectory(p) ? p : null;
    }

    /** The path {@code relative} under the shared data root; skips the calling test when it is missing. */
    public static Path require(String relative) {
        Path root = rootOrNull();
        Assumptions.assumeTrue(root != null,
                "shared data not found: set DENSEREG_SHARED_DATA or place it at ../shared/data beside the project");
        Path p = root.resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "shared data item missing: " + p);
        return p;
    }
}
