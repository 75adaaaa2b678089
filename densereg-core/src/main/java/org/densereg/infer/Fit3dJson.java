package org.densereg.infer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.densereg.fit.DenseFitConfig;
import org.densereg.fit.DenseFitResult;
import org.densereg.fit.ScaledOrthographicCamera;
import org.densereg.model3d.MorphableModel;

/**
 * The JSON of the dense-to-3D cascade: {@code <id>.fit.json}, the {@code fit3d} entry of {@code <id>.landmarks.json}
 * and of {@code summary.json}. Keys and order are those documented in docs/inference.md.
 */
final class Fit3dJson {

    /** How the camera maps model space into the image, as written into every fit file. */
    static final String CAMERA_FORMULA = "Y = R X; x = scale * Y_x + tx, y = -scale * Y_y + ty (0-based pixels, y down),"
            + " depth = scale * Y_z (larger = nearer)";
    /** The Euler convention of the pose angles. */
    static final String POSE_CONVENTION = "R = R_y(yaw) R_x(pitch) R_z(roll); yaw > 0: the face turns to its own left"
            + " (nose towards image right); pitch > 0: the face tilts down; roll > 0: counter-clockwise in the image";

    private Fit3dJson() {
    }

    /** The fitted model: {@code name}, {@code vertices}, {@code triangles}, fitted {@code shape_modes} and {@code expression_modes}. */
    static Map<String, Object> model(MorphableModel model, DenseFitConfig config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", model.name());
        m.put("vertices", model.vertexCount());
        m.put("triangles", model.triangleCount());
        m.put("shape_modes", config.shapeModes() < 0 ? model.shapeModes() : Math.min(config.shapeModes(), model.shapeModes()));
        m.put("expression_modes", config.fitExpression() ? model.expressionModes() : 0);
        return m;
    }

    /** The fitter's settings. */
    static Map<String, Object> config(DenseFitConfig config) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("rounds", config.rounds());
        c.put("max_correspondences", config.maxCorrespondences());
        c.put("shape_regularisation", config.shapeRegularisation());
        c.put("expression_regularisation", config.expressionRegularisation());
        c.put("loss", config.loss().name().toLowerCase(java.util.Locale.ROOT));
        c.put("tuning", config.tuning());
        return c;
    }

    /** {@code yaw}, {@code pitch}, {@code roll} in degrees. */
    static Map<String, Object> pose(ScaledOrthographicCamera camera) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("yaw", camera.yawDegrees());
        p.put("pitch", camera.pitchDegrees());
        p.put("roll", camera.rollDegrees());
        return p;
    }

    /** The fit's quality: residuals in source pixels, inliers, correspondences. */
    static Map<String, Object> residual(DenseFitResult fit) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rms_px", finite(fit.residualRms()));
        r.put("median_px", finite(fit.medianResidual()));
        r.put("inlier_fraction", fit.inlierFraction());
        r.put("correspondences", fit.correspondences());
        r.put("foreground_pixels_in_crop", fit.foregroundPixels());
        r.put("stride", fit.stride());
        return r;
    }

    /** The {@code fit3d} entry of {@code <id>.landmarks.json}: landmarks, pose, residual and the fit file's name. */
    static Map<String, Object> summary(String id, DenseFitResult fit) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("landmarks", OutputJson.points(fit.landmarks().xy()));
        s.put("pose_degrees", pose(fit.camera()));
        s.put("residual_rms_px", finite(fit.residualRms()));
        s.put("file", fileName(id) + FaceOutputWriter.FIT_SUFFIX);
        return s;
    }

    /** The whole {@code <id>.fit.json}. */
    static Map<String, Object> fitFile(String id, Path source, int width, int height, DenseFitResult fit,
            MorphableModel model, DenseFitConfig config, String meshFile) {
        Map<String, Object> root = OutputJson.header(id, source, width, height);
        root.put("model3d", model(model, config));
        ScaledOrthographicCamera c = fit.camera();
        Map<String, Object> camera = new LinkedHashMap<>();
        camera.put("type", "scaled_orthographic");
        double[] r = c.rotation();
        camera.put("rotation", List.of(List.of(r[0], r[1], r[2]), List.of(r[3], r[4], r[5]), List.of(r[6], r[7], r[8])));
        camera.put("scale", c.scale());
        camera.put("tx", c.tx());
        camera.put("ty", c.ty());
        camera.put("formula", CAMERA_FORMULA);
        root.put("camera", camera);
        Map<String, Object> pose = pose(c);
        pose.put("convention", POSE_CONVENTION);
        root.put("pose_degrees", pose);
        root.put("shape_coefficients", list(fit.shapeCoefficients()));
        root.put("expression_coefficients", list(fit.expressionCoefficients()));
        root.put("landmarks", OutputJson.points(fit.landmarks().xy()));
        root.put("residual", residual(fit));
        root.put("fit_seconds", fit.nanos() / 1e9);
        root.put("config", config(config));
        root.put("mesh", meshFile);
        return root;
    }

    private static String fileName(String id) {
        int slash = id.lastIndexOf('/');
        return slash >= 0 ? id.substring(slash + 1) : id;
    }

    private static List<Double> list(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
