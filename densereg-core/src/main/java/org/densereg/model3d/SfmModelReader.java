package org.densereg.model3d;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.densereg.io.BadInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the Surrey Face Model (SFM) as distributed with eos: the cereal binary shape model
 * ({@code sfm_shape_3448.bin}), the iBUG landmark mapping ({@code ibug_to_sfm.txt}), the jaw contour lists
 * ({@code sfm_model_contours.json}) and, optionally, the expression blendshapes
 * ({@code expression_blendshapes_3448.bin}).
 *
 * <p>Binary layout of the shape file (cereal portable binary, little-endian; Eigen matrices as int32 rows,
 * int32 cols, then rows × cols float32 column-major):
 * <ol>
 *   <li>uint32 version, must be 1;</li>
 *   <li>shape model: mean [3N × 1], orthonormal basis [3N × M], eigenvalues [M × 1], uint64 T + T × 3 int32
 *       triangle indices (0-based);</li>
 *   <li>colour model in the same layout (empty in the public SFM: sizes 0 × 1, 0 × 0, 0 × 1, 0 triangles;
 *       read and discarded);</li>
 *   <li>uint64 UV count (N, or 0) + that many float64 (u, v) pairs with v growing downwards (image
 *       convention); converted here to v up ({@code v' = 1 − v}). With no UVs, a cylindrical unwrapping is
 *       used.</li>
 * </ol>
 * The version-1 SFM basis is stored orthonormal (unit columns; measured: max |‖column‖ − 1| = 6e-8 on
 * {@code sfm_shape_3448.bin}) with the PCA eigenvalues as variances, which is already our convention. Should a
 * file carry non-unit columns, each column is normalised and its squared norm folded into the variance, so that
 * the model's span and prior are unchanged. Units: millimetres, y up, the face looking along +z.
 *
 * <p>The blendshape file is a cereal {@code std::vector<Blendshape>}: uint64 count, then per blendshape a
 * {@code std::string} name (uint64 length + UTF-8 bytes) and its deformation [3N × 1] as an Eigen matrix. The
 * deformations become the expression basis as stored (not normalised) with variance 1, so that a coefficient
 * of 1 applies the full blendshape.
 */
public final class SfmModelReader {

    /** Shape model file name inside an SFM folder. */
    public static final String SHAPE_FILE = "sfm_shape_3448.bin";
    /** Landmark mapping file name inside an SFM folder. */
    public static final String MAPPING_FILE = "ibug_to_sfm.txt";
    /** Contour file name inside an SFM folder. */
    public static final String CONTOURS_FILE = "sfm_model_contours.json";
    /** Optional blendshape file name inside an SFM folder. */
    public static final String BLENDSHAPES_FILE = "expression_blendshapes_3448.bin";

    private static final Logger LOG = LoggerFactory.getLogger(SfmModelReader.class);
    private static final long VERSION = 1;

    private SfmModelReader() {
    }

    /**
     * Reads an SFM folder holding {@value #SHAPE_FILE}, {@value #MAPPING_FILE}, {@value #CONTOURS_FILE} and,
     * when present, {@value #BLENDSHAPES_FILE}.
     *
     * @param folder the folder
     * @return the model, named after the shape file (e.g. {@code sfm_shape_3448})
     * @throws BadInputException when a required file is missing or any file is malformed (names file and field)
     * @throws IOException when a file cannot be read
     */
    public static MorphableModel readFolder(Path folder) throws IOException {
        Path blend = folder.resolve(BLENDSHAPES_FILE);
        return read(folder.resolve(SHAPE_FILE), folder.resolve(MAPPING_FILE), folder.resolve(CONTOURS_FILE),
                Files.exists(blend) ? blend : null);
    }

    /**
     * Reads an SFM model from its files.
     *
     * @param bin               cereal shape model ({@code sfm_shape_*.bin})
     * @param mapping           iBUG → vertex mapping (TOML, {@code [landmark_mappings]}: 1-based iBUG number =
     *                          0-based vertex)
     * @param contours          contour JSON ({@code model_contour.right_contour / left_contour})
     * @param blendshapesOrNull cereal blendshapes, or null for a model without expressions
     * @return the model: mean [3N] mm, shape basis [3N × M] row-major unit columns, variances [M], expression
     *         basis [3N × E] (raw blendshapes, variances 1), triangles [3T], uv [2N] v up, landmarks [68]
     * @throws BadInputException when a file is missing or malformed (names file and field/offset or line)
     * @throws IOException when a file cannot be read
     */
    public static MorphableModel read(Path bin, Path mapping, Path contours, Path blendshapesOrNull) throws IOException {
        CerealInput in = CerealInput.open(bin);
        int versionAt = in.offset();
        long version = in.u32("version");
        if (version != VERSION) {
            throw in.error("version", versionAt, "expected cereal MorphableModel version " + VERSION + ", found "
                    + version + " (not an eos/SFM shape model of a supported version)");
        }
        int meanAt = in.offset();
        float[] mean = in.matrix("shape_model.mean", -1, 1);
        int n3 = in.lastRows();
        if (n3 == 0 || n3 % 3 != 0) {
            throw in.error("shape_model.mean", meanAt, "length " + n3 + " is not a positive multiple of 3");
        }
        int n = n3 / 3;
        float[] basisColumnMajor = in.matrix("shape_model.basis", n3, -1);
        int m = in.lastCols();
        int evAt = in.offset();
        float[] variances = in.matrix("shape_model.eigenvalues", m, 1);
        for (int k = 0; k < m; k++) {
            if (variances[k] < 0) {
                throw in.error("shape_model.eigenvalues", evAt + 8 + 4L * k, "eigenvalue " + k + " is negative ("
                        + variances[k] + ")");
            }
        }
        int[] triangles = triangles(in, "shape_model.triangles", n);
        skipColourModel(in);
        int uvAt = in.offset();
        int uvCount = in.count("texture_coordinates", 16);
        if (uvCount != 0 && uvCount != n) {
            throw in.error("texture_coordinates", uvAt, "expected " + n + " (u, v) pairs (one per vertex) or none, found "
                    + uvCount);
        }
        double[] uvRaw = in.finiteDoubles("texture_coordinates", 2 * uvCount);
        in.expectEnd("texture_coordinates");

        float[] basis = Bases.toRowMajor(basisColumnMajor, n3, m);
        double[] norms = Bases.columnNorms(basis, n3, m);
        int zero = Bases.firstZero(norms);
        if (zero >= 0) {
            throw new BadInputException(bin, "field 'shape_model.basis': column " + zero + " is zero");
        }
        double deviation = Bases.normalise(basis, n3, m, variances, norms);
        if (deviation > 1e-4) {
            LOG.warn("{}: shape basis columns were not unit length (max |norm - 1| = {}); normalised them and "
                    + "scaled the eigenvalues by the squared norms", bin, deviation);
        }

        int[] landmarks = IbugMappingReader.read(mapping, n);
        SfmContoursReader.Contours contour = SfmContoursReader.read(contours, n);
        float[] uv;
        if (uvCount == 0) {
            LOG.info("{}: no texture coordinates; using a cylindrical unwrapping", bin);
            uv = CylindricalUv.compute(mean, landmarks);
        } else {
            uv = new float[2 * n];
            for (int i = 0; i < n; i++) {
                uv[2 * i] = (float) uvRaw[2 * i];
                uv[2 * i + 1] = (float) (1.0 - uvRaw[2 * i + 1]);
            }
        }
        float[] expressionBasis = new float[0];
        float[] expressionVariances = new float[0];
        if (blendshapesOrNull != null) {
            Blendshapes b = readBlendshapes(blendshapesOrNull, n3);
            expressionBasis = b.basis;
            expressionVariances = b.variances;
        }
        String name = bin.getFileName().toString().replaceFirst("\\.bin$", "");
        LOG.debug("read {}: {} vertices, {} shape modes, {} triangles, {} expressions", bin, n, m,
                triangles.length / 3, expressionVariances.length);
        return new MorphableModel(name, mean, basis, variances, expressionBasis, expressionVariances, triangles, uv,
                landmarks, contour.right(), contour.left());
    }

    private static int[] triangles(CerealInput in, String field, int n) {
        int at = in.offset();
        int t = in.count(field, 12);
        int[] tri = in.ints(field, 3 * t);
        for (int i = 0; i < tri.length; i++) {
            if (tri[i] < 0 || tri[i] >= n) {
                throw in.error(field, at + 8 + 4L * i, "triangle " + i / 3 + " has vertex index " + tri[i]
                        + " outside 0.." + (n - 1));
            }
        }
        return tri;
    }

    private static void skipColourModel(CerealInput in) {
        int at = in.offset();
        float[] mean = in.matrix("color_model.mean", -1, -1);
        int cols = in.lastCols();
        in.matrix("color_model.basis", mean.length == 0 ? -1 : mean.length, -1);
        int m = in.lastCols();
        in.matrix("color_model.eigenvalues", -1, -1);
        int t = in.count("color_model.triangles", 12);
        in.skip("color_model.triangles", 12L * t);
        if (mean.length > 0) {
            LOG.debug("{}: ignoring the colour model at byte offset {} ({} × {}, {} modes)", in.file(), at,
                    mean.length, cols, m);
        }
    }

    private record Blendshapes(float[] basis, float[] variances) {
    }

    private static Blendshapes readBlendshapes(Path file, int n3) throws IOException {
        CerealInput in = CerealInput.open(file);
        // each blendshape needs at least a name length (8) and two int32 dimensions
        int e = in.count("blendshapes.count", 16);
        float[] basis = new float[n3 * e];
        float[] variances = new float[e];
        for (int k = 0; k < e; k++) {
            String prefix = "blendshapes[" + k + "]";
            String name = in.string(prefix + ".name");
            float[] d = in.matrix(prefix + ".deformation", n3, 1);
            for (int r = 0; r < n3; r++) {
                basis[r * e + k] = d[r];
            }
            variances[k] = 1f;
            LOG.debug("{}: blendshape {} '{}'", file, k, name);
        }
        in.expectEnd(e == 0 ? "blendshapes.count" : "blendshapes[" + (e - 1) + "]");
        return new Blendshapes(basis, variances);
    }
}
