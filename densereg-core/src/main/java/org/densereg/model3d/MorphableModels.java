package org.densereg.model3d;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.densereg.io.BadInputException;

/**
 * Loads a morphable model from a user-facing specification: {@code default} (the built-in model), a folder
 * holding the Surrey Face Model ({@code sfm_shape_3448.bin} …), a folder in our open format
 * ({@code model.json}), or a Basel Face Model 2009 {@code .mat} file.
 */
public final class MorphableModels {

    /** The specification of the built-in model. */
    public static final String DEFAULT = "default";

    private MorphableModels() {
    }

    /**
     * @param spec   {@code default} or a path (see the class comment)
     * @param uvMode which (u, v) the returned model carries
     * @return the model
     * @throws IOException       when a file cannot be read
     * @throws BadInputException when the path holds no model this project reads, or a malformed one
     */
    public static MorphableModel load(String spec, UvMode uvMode) throws IOException {
        MorphableModel model = DEFAULT.equals(spec) ? DefaultFaceModel.load() : loadPath(Path.of(spec));
        if (uvMode == UvMode.CYLINDRICAL) {
            return model.withUv(CylindricalUv.compute(model.mean(), model.landmarkVertices()));
        }
        return model;
    }

    private static MorphableModel loadPath(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            if (Files.exists(path.resolve("model.json"))) {
                return OpenModelReader.read(path);
            }
            if (Files.exists(path.resolve("sfm_shape_3448.bin"))) {
                return SfmModelReader.readFolder(path);
            }
            throw new BadInputException(path, "folder holds neither model.json (open format) nor sfm_shape_3448.bin"
                    + " (Surrey Face Model)");
        }
        if (!Files.exists(path)) {
            throw new BadInputException(path, "model not found (expected 'default', a model folder or a BFM .mat)");
        }
        if (path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".mat")) {
            return BfmModelReader.read(path, null);
        }
        throw new BadInputException(path, "unknown model file type (expected a BFM 2009 .mat)");
    }
}
