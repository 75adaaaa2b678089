package org.densereg.cli.support;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.densereg.io.BadInputException;

/**
 * Resolves {@code --model NAME|ARCHIVE}: an existing file is used as it is; otherwise a bare name (letters,
 * digits, {@code - _ .}) is a bundled model {@code models/NAME.densereg.zip}, searched in the folder named by the
 * system property {@code densereg.home}, then in the checkout the CLI jar was built in (the jar lives in
 * {@code <checkout>/densereg-cli/target/}), then in the working directory. Nothing is downloaded.
 */
public final class ModelResolver {

    /** File-name suffix of model archives. */
    public static final String SUFFIX = ".densereg.zip";

    private ModelResolver() {
    }

    /**
     * @param value the option's value
     * @return the archive path
     * @throws BadInputException when no such file or bundled model exists (lists where it looked)
     */
    public static Path resolve(String value) {
        Path direct = Path.of(value);
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        if (!value.matches("[A-Za-z0-9._-]+") || value.endsWith(".zip")) {
            throw new BadInputException(direct, "model archive not found");
        }
        List<Path> tried = new ArrayList<>();
        for (Path home : homes()) {
            Path candidate = home.resolve("models").resolve(value + SUFFIX);
            tried.add(candidate);
            if (Files.isRegularFile(candidate)) {
                verify(candidate);
                return candidate;
            }
        }
        throw new BadInputException(direct, "neither a model archive nor a bundled model; looked for " + tried);
    }

    /**
     * Checks a bundled archive against its {@code .sha256} file, when there is one.
     *
     * @throws BadInputException when the file's hash differs from the recorded one
     */
    public static void verify(Path archive) {
        Path sidecar = archive.resolveSibling(archive.getFileName() + ".sha256");
        if (!Files.isRegularFile(sidecar)) {
            return;
        }
        try {
            String text = org.densereg.io.TextFiles.read(sidecar).trim();
            String expected = text.isEmpty() ? "" : text.split("\\s+")[0].toLowerCase(java.util.Locale.ROOT);
            String actual = org.densereg.eval.Provenance.sha256(archive);
            if (!actual.equals(expected)) {
                throw new BadInputException(archive, "SHA-256 " + actual + " differs from " + sidecar.getFileName()
                        + " (" + expected + "): the bundled model is damaged or was replaced; re-checkout it");
            }
        } catch (java.io.IOException e) {
            throw new BadInputException(archive, "cannot check the SHA-256: " + e.getMessage(), e);
        }
    }

    /**
     * The bundled models: every {@code *.densereg.zip} in the first {@code models/} folder found under
     * {@link #homes()}, sorted by name.
     *
     * @return the archives (empty when there is no models folder)
     */
    public static List<Path> bundled() throws java.io.IOException {
        for (Path home : homes()) {
            Path models = home.resolve("models");
            if (Files.isDirectory(models)) {
                try (var s = Files.list(models)) {
                    return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
                }
            }
        }
        return List.of();
    }

    /** The folders searched for {@code models/}, in order. */
    public static List<Path> homes() {
        List<Path> homes = new ArrayList<>();
        String prop = System.getProperty("densereg.home");
        if (prop != null && !prop.isBlank()) {
            homes.add(Path.of(prop));
        }
        try {
            var source = ModelResolver.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path jar = Path.of(source.getLocation().toURI());
                // <checkout>/densereg-cli/target/densereg-cli.jar or <checkout>/densereg-cli/target/classes
                Path target = jar.getParent();
                if (target != null && target.getParent() != null && target.getParent().getParent() != null) {
                    homes.add(target.getParent().getParent());
                }
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            // no code source location: fall back to the working directory
        }
        homes.add(Path.of("").toAbsolutePath());
        return homes;
    }
}
