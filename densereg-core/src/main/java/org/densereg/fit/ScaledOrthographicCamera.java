package org.densereg.fit;

import java.util.Arrays;

/**
 * A scaled-orthographic (weak-perspective) camera from model space to image pixels.
 *
 * <p>Model space is right-handed, y up, the face looking along +z towards the camera (DESIGN §2). With
 * {@code Y = R · X} the rotated point, the image position (0-based pixels, y down) and depth are
 * <pre>
 *   x     =  s · Y_x + tx
 *   y     = −s · Y_y + ty      (the image y axis points down)
 *   depth =  s · Y_z           (larger = nearer the camera)
 * </pre>
 *
 * <p>Euler angles (degrees): {@code R = R_y(yaw) · R_x(pitch) · R_z(roll)} (roll applied first, then pitch,
 * then yaw, all about the fixed model axes), each a right-handed rotation:
 * <ul>
 *   <li>yaw about y: positive yaw turns the face to the subject's own left, so the nose tip moves towards
 *       image right;</li>
 *   <li>pitch about x: positive pitch tilts the face down, the nose tip moves towards the image bottom;</li>
 *   <li>roll about z: positive roll turns the face counter-clockwise as seen in the image: the subject's left
 *       eye (image right on a frontal face) moves up.</li>
 * </ul>
 * Angles are recovered with pitch in [−90°, 90°] and yaw, roll in (−180°, 180°].
 *
 * @param rotation [9] proper rotation matrix R (orthonormal, det = +1), row-major
 * @param scale    s &gt; 0, pixels per model unit
 * @param tx       image x of the model origin (pixels)
 * @param ty       image y of the model origin (pixels)
 */
public record ScaledOrthographicCamera(double[] rotation, double scale, double tx, double ty) {

    /** Tolerance on orthonormality and determinant when a camera is constructed. */
    private static final double ROTATION_TOLERANCE = 1e-6;

    public ScaledOrthographicCamera {
        if (rotation == null || rotation.length != 9) {
            throw new IllegalArgumentException("rotation must have 9 entries (3×3 row-major)");
        }
        rotation = rotation.clone();
        for (double r : rotation) {
            if (!Double.isFinite(r)) {
                throw new IllegalArgumentException("rotation has a non-finite entry: " + Arrays.toString(rotation));
            }
        }
        checkProperRotation(rotation);
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be finite and > 0, got " + scale);
        }
        if (!Double.isFinite(tx) || !Double.isFinite(ty)) {
            throw new IllegalArgumentException("translation must be finite, got (" + tx + ", " + ty + ")");
        }
    }

    private static void checkProperRotation(double[] r) {
        for (int i = 0; i < 3; i++) {
            for (int j = i; j < 3; j++) {
                double dot = r[3 * i] * r[3 * j] + r[3 * i + 1] * r[3 * j + 1] + r[3 * i + 2] * r[3 * j + 2];
                double expected = i == j ? 1 : 0;
                if (Math.abs(dot - expected) > ROTATION_TOLERANCE) {
                    throw new IllegalArgumentException("rotation is not orthonormal: " + Arrays.toString(r));
                }
            }
        }
        double det = r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6])
                + r[2] * (r[3] * r[7] - r[4] * r[6]);
        if (Math.abs(det - 1) > ROTATION_TOLERANCE) {
            throw new IllegalArgumentException("rotation has determinant " + det + ", expected +1");
        }
    }

    /** A copy of the rotation, [9] row-major. */
    @Override
    public double[] rotation() {
        return rotation.clone();
    }

    /**
     * The camera for given Euler angles, {@code R = R_y(yaw) · R_x(pitch) · R_z(roll)}.
     *
     * @param yaw   degrees about the model's y axis (positive: face turns to its own left)
     * @param pitch degrees about the x axis (positive: face tilts down)
     * @param roll  degrees about the z axis (positive: counter-clockwise in the image)
     * @param scale pixels per model unit, &gt; 0
     * @param tx    image x of the model origin
     * @param ty    image y of the model origin
     * @return the camera
     */
    public static ScaledOrthographicCamera fromEulerDegrees(
            double yaw, double pitch, double roll, double scale, double tx, double ty) {
        double cy = Math.cos(Math.toRadians(yaw));
        double sy = Math.sin(Math.toRadians(yaw));
        double cx = Math.cos(Math.toRadians(pitch));
        double sx = Math.sin(Math.toRadians(pitch));
        double cz = Math.cos(Math.toRadians(roll));
        double sz = Math.sin(Math.toRadians(roll));
        double[] r = {
            cy * cz + sy * sx * sz, -cy * sz + sy * sx * cz, sy * cx,
            cx * sz, cx * cz, -sx,
            -sy * cz + cy * sx * sz, sy * sz + cy * sx * cz, cy * cx,
        };
        return new ScaledOrthographicCamera(r, scale, tx, ty);
    }

    /** Yaw in degrees (rotation about y; positive = the face turned to its own left). */
    public double yawDegrees() {
        if (gimbalLocked()) {
            return Math.toDegrees(Math.atan2(-rotation[6], rotation[0]));
        }
        return Math.toDegrees(Math.atan2(rotation[2], rotation[8]));
    }

    /** Pitch in degrees, in [−90, 90] (rotation about x; positive = the face tilted down). */
    public double pitchDegrees() {
        return Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, -rotation[5]))));
    }

    /** Roll in degrees (rotation about z; positive = counter-clockwise in the image); 0 at gimbal lock. */
    public double rollDegrees() {
        if (gimbalLocked()) {
            return 0;
        }
        return Math.toDegrees(Math.atan2(rotation[3], rotation[4]));
    }

    private boolean gimbalLocked() {
        return Math.hypot(rotation[3], rotation[4]) < 1e-9;
    }

    /**
     * Projects vertices into the image.
     *
     * @param vertices [3N] model-space positions, interleaved x, y, z
     * @return [3N] per vertex (x, y, depth): image pixels (0-based, y down) and depth (larger = nearer)
     */
    public float[] project(float[] vertices) {
        if (vertices.length % 3 != 0) {
            throw new IllegalArgumentException("vertex array length " + vertices.length + " is not a multiple of 3");
        }
        float[] out = new float[vertices.length];
        double[] r = rotation;
        double s = scale;
        for (int i = 0; i < vertices.length; i += 3) {
            double x = vertices[i];
            double y = vertices[i + 1];
            double z = vertices[i + 2];
            out[i] = (float) (s * (r[0] * x + r[1] * y + r[2] * z) + tx);
            out[i + 1] = (float) (-s * (r[3] * x + r[4] * y + r[5] * z) + ty);
            out[i + 2] = (float) (s * (r[6] * x + r[7] * y + r[8] * z));
        }
        return out;
    }

    /**
     * Projects one point.
     *
     * @param x model x
     * @param y model y
     * @param z model z
     * @return [3] image x, image y (y down), depth
     */
    public double[] project(double x, double y, double z) {
        double[] r = rotation;
        return new double[] {
            scale * (r[0] * x + r[1] * y + r[2] * z) + tx,
            -scale * (r[3] * x + r[4] * y + r[5] * z) + ty,
            scale * (r[6] * x + r[7] * y + r[8] * z),
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScaledOrthographicCamera c && Arrays.equals(rotation, c.rotation)
                && Double.compare(scale, c.scale) == 0 && Double.compare(tx, c.tx) == 0
                && Double.compare(ty, c.ty) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(rotation) + Double.hashCode(scale) * 7 + Double.hashCode(tx) * 3 + Double.hashCode(ty);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "ScaledOrthographicCamera[yaw=%.2f°, pitch=%.2f°, roll=%.2f°, scale=%.4g, t=(%.2f, %.2f)]",
                yawDegrees(), pitchDegrees(), rollDegrees(), scale, tx, ty);
    }
}
