package org.densereg.cli.support;

import java.nio.file.Path;
import org.densereg.io.BadInputException;
import org.densereg.model.BundledModels;

/**
 * Where the CLI looks for bundled models: {@link BundledModels#standard(Class)} anchored at the CLI's own jar
 * ({@code <checkout>/densereg-cli/target/}), so that {@code models/} of the checkout it was built in is found.
 */
public final class ModelResolver {

    private ModelResolver() {
    }

    /** @return the bundled models as the CLI sees them (the {@code densereg.home} property is read at each call) */
    public static BundledModels models() {
        return BundledModels.standard(ModelResolver.class);
    }

    /**
     * Resolves {@code --model NAME|ARCHIVE} ({@link BundledModels#resolve(String)}).
     *
     * @param value the option's value
     * @return the archive path
     * @throws BadInputException when no such file or bundled model exists (lists where it looked)
     */
    public static Path resolve(String value) {
        return models().resolve(value);
    }
}
