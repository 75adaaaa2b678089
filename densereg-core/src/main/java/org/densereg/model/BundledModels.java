package org.densereg.model;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.densereg.io.BadInputException;
import org.densereg.io.Sha256;
import org.densereg.io.TextFiles;

/**
 * The bundled models: archives {@code models/NAME.densereg.zip}, each optionally with a {@code .sha256} file, in the
 * first of a list of home folders that holds them. Resolves a {@code NAME|ARCHIVE} value, lists the models and checks
 * their checksums. Nothing is downloaded.
 */
public final class BundledModels {

    /** File-name suffix of model archives. */
    public static final String SUFFIX = ".densereg.zip";

    /** Name of the folder below each home that holds the archives. */
    public static final String FOLDER = "models";

    private final List<Path> homes;

    /**
     * @param homes the folders searched for {@code models/}, in order
     */
    public BundledModels(List<Path> homes) {
        this.homes = List.copyOf(homes);
    }

    /**
     * The usual search order: the folder named by the system property {@code densereg.home} (when set), then the
     * checkout that {@code anchor}'s classes were built in (their jar or class folder lives in
     * {@code <checkout>/<module>/target/}), then the working directory.
     *
     * @param anchor a class of the program, whose code source locates the checkout
     * @return the bundled models of those homes (read at each call, so the property may change in between)
     */
    public static BundledModels standard(Class<?> anchor) {
        List<Path> homes = new ArrayList<>();
        String prop = System.getProperty("densereg.home");
        if (prop != null && !prop.isBlank()) {
            homes.add(Path.of(prop));
        }
        try {
            CodeSource source = anchor.getProtectionDomain().getCodeSource();
            if (source != null) {
                // <checkout>/<module>/target/<module>.jar or <checkout>/<module>/target/classes
                Path target = Path.of(source.getLocation().toURI()).getParent();
                if (target != null && target.getParent() != null && target.getParent().getParent() != null) {
                    homes.add(target.getParent().getParent());
                }
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            // no code source location: fall back to the working directory
        }
        homes.add(Path.of("").toAbsolutePath());
        return new BundledModels(homes);
    }

    /** @return the folders searched for {@code models/}, in order */
    public List<Path> homes() {
        return homes;
    }

    /**
     * Resolves a {@code --model NAME|ARCHIVE} value: an existing file is used as it is; otherwise a bare name
     * (letters, digits, {@code - _ .}, not ending in {@code .zip}) is the first {@code models/NAME.densereg.zip}
     * under {@link #homes()}, checked against its {@code .sha256} file ({@link #verify(Path)}).
     *
     * @param value a file path or a bundled model name
     * @return the archive path
     * @throws BadInputException when no such file or bundled model exists (lists where it looked), or the bundled
     *                           archive fails its checksum
     */
    public Path resolve(String value) {
        Path direct = Path.of(value);
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        if (!value.matches("[A-Za-z0-9._-]+") || value.endsWith(".zip")) {
            throw new BadInputException(direct, "model archive not found");
        }
        List<Path> tried = new ArrayList<>();
        for (Path home : homes) {
            Path candidate = home.resolve(FOLDER).resolve(value + SUFFIX);
            tried.add(candidate);
            if (Files.isRegularFile(candidate)) {
                verify(candidate);
                return candidate;
            }
        }
        throw new BadInputException(direct, "neither a model archive nor a bundled model; looked for " + tried);
    }

    /**
     * The bundled models: every {@code *.densereg.zip} in the first {@code models/} folder found under
     * {@link #homes()}, sorted by name.
     *
     * @return the archives (empty when there is no models folder)
     * @throws IOException when the folder cannot be listed
     */
    public List<Path> list() throws IOException {
        for (Path home : homes) {
            Path models = home.resolve(FOLDER);
            if (Files.isDirectory(models)) {
                try (Stream<Path> s = Files.list(models)) {
                    return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
                }
            }
        }
        return List.of();
    }

    /**
     * @param archive a model archive {@code NAME.densereg.zip}
     * @return {@code NAME}
     */
    public static String name(Path archive) {
        String f = archive.getFileName().toString();
        return f.endsWith(SUFFIX) ? f.substring(0, f.length() - SUFFIX.length()) : f;
    }

    /**
     * @param archive a model archive
     * @return its checksum file {@code ARCHIVE.sha256} (which may not exist)
     */
    public static Path checksumFile(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".sha256");
    }

    /**
     * Checks an archive against its {@code .sha256} file (first word: the hex digest), when there is one.
     *
     * @param archive a model archive
     * @throws BadInputException when the file's hash differs from the recorded one, or either cannot be read
     */
    public static void verify(Path archive) {
        Path sidecar = checksumFile(archive);
        if (!Files.isRegularFile(sidecar)) {
            return;
        }
        try {
            String text = TextFiles.read(sidecar).trim();
            String expected = text.isEmpty() ? "" : text.split("\\s+")[0].toLowerCase(Locale.ROOT);
            String actual = Sha256.hex(archive);
            if (!actual.equals(expected)) {
                throw new BadInputException(archive, "SHA-256 " + actual + " differs from " + sidecar.getFileName()
                        + " (" + expected + "): the bundled model is damaged or was replaced; re-checkout it");
            }
        } catch (IOException e) {
            throw new BadInputException(archive, "cannot check the SHA-256: " + e.getMessage(), e);
        }
    }
}
