package org.densereg.supervision.body;

import static org.densereg.data.lsp.LspJoint.HEAD_TOP;
import static org.densereg.data.lsp.LspJoint.LEFT_ANKLE;
import static org.densereg.data.lsp.LspJoint.LEFT_ELBOW;
import static org.densereg.data.lsp.LspJoint.LEFT_HIP;
import static org.densereg.data.lsp.LspJoint.LEFT_KNEE;
import static org.densereg.data.lsp.LspJoint.LEFT_SHOULDER;
import static org.densereg.data.lsp.LspJoint.LEFT_WRIST;
import static org.densereg.data.lsp.LspJoint.NECK;
import static org.densereg.data.lsp.LspJoint.RIGHT_ANKLE;
import static org.densereg.data.lsp.LspJoint.RIGHT_ELBOW;
import static org.densereg.data.lsp.LspJoint.RIGHT_HIP;
import static org.densereg.data.lsp.LspJoint.RIGHT_KNEE;
import static org.densereg.data.lsp.LspJoint.RIGHT_SHOULDER;
import static org.densereg.data.lsp.LspJoint.RIGHT_WRIST;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.lsp.LspJoint;

/**
 * The part-based body template (DESIGN §5.2) fitted to the joints of one person, and its exact per-pixel
 * rasterisation. All lengths scale with the <b>torso size</b> T of the image:
 * T = max(|mid-shoulder − mid-hip|, {@value #SHOULDER_TO_TORSO} × shoulder width, {@value #HEAD_TO_TORSO} × |neck −
 * head top|) over the terms whose joints are present (no term present: nothing is drawn).
 *
 * <h2>Parts and charts</h2>
 * <ul>
 *   <li><b>Limbs</b> (upper/lower arm, upper/lower leg): a tapered capsule from the proximal joint A to the distal
 *       joint B with radius r(t) = r<sub>A</sub> + (r<sub>B</sub> − r<sub>A</sub>)·t; a pixel p belongs to it when
 *       its distance to the closest segment point A + t<sub>c</sub>(B − A), t<sub>c</sub> = clamp(t, 0, 1), is
 *       ≤ r(t<sub>c</sub>). u = t<sub>c</sub> (0 at A, 1 at B, constant over the end caps); v = (1 + σ·s) / 2
 *       with s = cross(B − A, p − A) / (|B − A|·r(t<sub>c</sub>)) clamped to [−1, 1] (signed distance from the
 *       bone in units of the local radius; cross(a, b) = a<sub>x</sub>b<sub>y</sub> − a<sub>y</sub>b<sub>x</sub>
 *       in image coordinates, y down) and σ = +1 for right limbs and −1 for left limbs, negated again when the
 *       person turns their back. For a person facing the camera with limbs hanging down, v = 0 on the side towards
 *       the body's midline and v = 1 on the outer side, on both sides of the body.
 *       Radii r<sub>A</sub> → r<sub>B</sub> as fractions of T: upper arm {@value #UPPER_ARM_R0} →
 *       {@value #UPPER_ARM_R1}, lower arm {@value #LOWER_ARM_R0} → {@value #LOWER_ARM_R1}, upper leg
 *       {@value #UPPER_LEG_R0} → {@value #UPPER_LEG_R1}, lower leg {@value #LOWER_LEG_R0} →
 *       {@value #LOWER_LEG_R1}.</li>
 *   <li><b>Torso</b>: the bilinear patch with corners right shoulder (u 0, v 0), left shoulder (u 0, v 1), right
 *       hip (u 1, v 0), left hip (u 1, v 1), i.e. u from shoulders to hips and v from the person's right to left
 *       side; a pixel belongs to it when the inverse bilinear map gives (u, v) in [0, 1]². The hip edge is widened
 *       about its midpoint by {@value #HIP_WIDEN} (hip joints lie inside the body). An edge narrower than
 *       2 × {@value #TORSO_MIN_HALF_WIDTH}·T across the torso axis, or whose left/right order disagrees with the
 *       facing decision (a twisted torso), is replaced by the symmetric edge about its midpoint, perpendicular to
 *       the axis, with half-width max(its own half-width across the axis, {@value #TORSO_MIN_HALF_WIDTH}·T).</li>
 *   <li><b>Head</b>: the ellipse centred at the midpoint of neck and head top, semi-axis a =
 *       max({@value #HEAD_AXIS} × |head top − neck|, {@value #HEAD_MIN_AXIS}·T) along that axis and b =
 *       max({@value #HEAD_ASPECT}·a, {@value #HEAD_MIN_AXIS}·T) across; u = (1 + along/a) / 2 (0 towards the
 *       neck, 1 towards the head top), v = (1 + σ·across/b) / 2 with σ chosen so that v = 0 on the person's
 *       right side.</li>
 * </ul>
 *
 * <h2>Front / back</h2>
 * With up = mid-shoulder − mid-hip (else head top − neck, else image up (0, −1)), f = cross(left shoulder − right
 * shoulder, up) + cross(left hip − right hip, up) (terms with missing joints left out). A person facing the camera
 * has the left shoulder on the image right of an upright torso, which makes f &lt; 0: the person faces the camera
 * when f ≤ 0 (torso and head get the {@code *_FRONT} labels), else turns their back ({@code *_BACK}). The rule works
 * for upside-down people since it is relative to the torso axis.
 *
 * <h2>Occlusion order</h2>
 * Parts are painted back to front, later parts overwriting earlier ones: first the limbs with an occluded end
 * joint (behind the body), then torso, then head, then the limbs whose joints are both visible. Within the limb
 * groups, legs before arms and proximal before distal segments (upper leg, lower leg, upper arm, lower arm; a
 * forearm in front of the chest or a hand on a knee is the common case); remaining ties in {@link BodyPart} order.
 *
 * <h2>Missing joints</h2>
 * A part is skipped when one of the joints it needs is missing (limbs: both ends; torso: both shoulders and both
 * hips; head: neck and head top); see {@link #skipped()}.
 */
public final class BodyPartModel {

    /** Torso size from the shoulder width: T ≥ this × |left shoulder − right shoulder|. */
    public static final double SHOULDER_TO_TORSO = 1.25;
    /** Torso size from the head: T ≥ this × |head top − neck|. */
    public static final double HEAD_TO_TORSO = 1.6;
    /** Upper arm radius at the shoulder, × T. */
    public static final double UPPER_ARM_R0 = 0.13;
    /** Upper arm radius at the elbow, × T. */
    public static final double UPPER_ARM_R1 = 0.10;
    /** Lower arm radius at the elbow, × T. */
    public static final double LOWER_ARM_R0 = 0.10;
    /** Lower arm radius at the wrist, × T. */
    public static final double LOWER_ARM_R1 = 0.07;
    /** Upper leg radius at the hip, × T. */
    public static final double UPPER_LEG_R0 = 0.19;
    /** Upper leg radius at the knee, × T. */
    public static final double UPPER_LEG_R1 = 0.13;
    /** Lower leg radius at the knee, × T. */
    public static final double LOWER_LEG_R0 = 0.13;
    /** Lower leg radius at the ankle, × T. */
    public static final double LOWER_LEG_R1 = 0.08;
    /** Widening of the torso's hip edge about its midpoint. */
    public static final double HIP_WIDEN = 1.3;
    /** Smallest torso half-width across its axis, × T. */
    public static final double TORSO_MIN_HALF_WIDTH = 0.15;
    /** Head semi-axis along neck → head top, × |head top − neck|. */
    public static final double HEAD_AXIS = 0.55;
    /** Head semi-axis across over the one along. */
    public static final double HEAD_ASPECT = 0.65;
    /** Smallest head semi-axis, × T. */
    public static final double HEAD_MIN_AXIS = 0.12;

    private static final double EPS = 1e-9;

    private final double torsoSize;
    private final boolean facesCamera;
    private final List<Shape> shapes;
    private final List<BodyPart> skipped;

    private BodyPartModel(double torsoSize, boolean facesCamera, List<Shape> shapes, List<BodyPart> skipped) {
        this.torsoSize = torsoSize;
        this.facesCamera = facesCamera;
        this.shapes = shapes;
        this.skipped = skipped;
    }

    /**
     * Fits the template to the joints of one person.
     *
     * @param joints the joints in the pixel coordinates of the image to render
     * @return the fitted model (possibly with no parts when too few joints are present)
     */
    public static BodyPartModel fit(BodyJoints joints) {
        double t = torsoSize(joints);
        boolean front = facesCamera(joints);
        List<Shape> shapes = new ArrayList<>();
        List<BodyPart> skipped = new ArrayList<>();
        if (!Double.isFinite(t) || t <= 0) {
            for (BodyPart p : BodyPart.values()) {
                if (p != BodyPart.BACKGROUND && !isBackVariant(p, front)) {
                    skipped.add(p);
                }
            }
            return new BodyPartModel(Double.NaN, front, List.of(), List.copyOf(skipped));
        }
        // Torso.
        BodyPart torsoPart = front ? BodyPart.TORSO_FRONT : BodyPart.TORSO_BACK;
        if (all(joints, RIGHT_SHOULDER, LEFT_SHOULDER, RIGHT_HIP, LEFT_HIP)) {
            shapes.add(torso(joints, torsoPart, t, front));
        } else {
            skipped.add(torsoPart);
        }
        BodyPart headPart = front ? BodyPart.HEAD_FRONT : BodyPart.HEAD_BACK;
        if (all(joints, NECK, HEAD_TOP)) {
            shapes.add(head(joints, headPart, t, front));
        } else {
            skipped.add(headPart);
        }
        limb(joints, shapes, skipped, BodyPart.RIGHT_UPPER_ARM, RIGHT_SHOULDER, RIGHT_ELBOW, UPPER_ARM_R0, UPPER_ARM_R1, t, front);
        limb(joints, shapes, skipped, BodyPart.LEFT_UPPER_ARM, LEFT_SHOULDER, LEFT_ELBOW, UPPER_ARM_R0, UPPER_ARM_R1, t, front);
        limb(joints, shapes, skipped, BodyPart.RIGHT_LOWER_ARM, RIGHT_ELBOW, RIGHT_WRIST, LOWER_ARM_R0, LOWER_ARM_R1, t, front);
        limb(joints, shapes, skipped, BodyPart.LEFT_LOWER_ARM, LEFT_ELBOW, LEFT_WRIST, LOWER_ARM_R0, LOWER_ARM_R1, t, front);
        limb(joints, shapes, skipped, BodyPart.RIGHT_UPPER_LEG, RIGHT_HIP, RIGHT_KNEE, UPPER_LEG_R0, UPPER_LEG_R1, t, front);
        limb(joints, shapes, skipped, BodyPart.LEFT_UPPER_LEG, LEFT_HIP, LEFT_KNEE, UPPER_LEG_R0, UPPER_LEG_R1, t, front);
        limb(joints, shapes, skipped, BodyPart.RIGHT_LOWER_LEG, RIGHT_KNEE, RIGHT_ANKLE, LOWER_LEG_R0, LOWER_LEG_R1, t, front);
        limb(joints, shapes, skipped, BodyPart.LEFT_LOWER_LEG, LEFT_KNEE, LEFT_ANKLE, LOWER_LEG_R0, LOWER_LEG_R1, t, front);
        List<Shape> ordered = new ArrayList<>(shapes);
        ordered.sort(Comparator.comparingInt(Shape::rank).thenComparingInt(s -> s.part().ordinal()));
        return new BodyPartModel(t, front, Collections.unmodifiableList(ordered), List.copyOf(skipped));
    }

    /** Fits and renders in one call: {@code fit(joints).render(width, height)}. */
    public static BodyMaps render(BodyJoints joints, int width, int height) {
        return fit(joints).render(width, height);
    }

    /** The torso size T in pixels (NaN when it could not be measured). */
    public double torsoSize() {
        return torsoSize;
    }

    /** True when the person faces the camera (front labels), false when they turn their back. */
    public boolean facesCamera() {
        return facesCamera;
    }

    /** The parts that will be drawn, in painting order (back to front). */
    public List<BodyPart> drawOrder() {
        List<BodyPart> out = new ArrayList<>();
        for (Shape s : shapes) {
            out.add(s.part());
        }
        return out;
    }

    /** The parts left out because joints they need are missing (one of front/back for torso and head). */
    public List<BodyPart> skipped() {
        return skipped;
    }

    /**
     * Rasterises the parts at the pixel centres (x, y), x in 0..width−1, y in 0..height−1, painting in
     * {@link #drawOrder()}.
     *
     * @return part labels, u and v per pixel (-1 on background)
     */
    public BodyMaps render(int width, int height) {
        int n = width * height;
        byte[] parts = new byte[n];
        float[] u = new float[n];
        float[] v = new float[n];
        Arrays.fill(u, -1f);
        Arrays.fill(v, -1f);
        double[] uv = new double[2];
        for (Shape s : shapes) {
            double[] box = s.bounds();
            int x0 = Math.max(0, (int) Math.ceil(box[0]));
            int y0 = Math.max(0, (int) Math.ceil(box[1]));
            int x1 = Math.min(width - 1, (int) Math.floor(box[2]));
            int y1 = Math.min(height - 1, (int) Math.floor(box[3]));
            byte label = (byte) s.part().label();
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    if (s.chart(x, y, uv)) {
                        int i = y * width + x;
                        parts[i] = label;
                        u[i] = (float) uv[0];
                        v[i] = (float) uv[1];
                    }
                }
            }
        }
        return new BodyMaps(width, height, parts, u, v);
    }

    // ---------------------------------------------------------------- fitting

    static double torsoSize(BodyJoints j) {
        double t = Double.NaN;
        if (all(j, RIGHT_SHOULDER, LEFT_SHOULDER, RIGHT_HIP, LEFT_HIP)) {
            double mx = 0.5 * (j.x(RIGHT_SHOULDER) + j.x(LEFT_SHOULDER)) - 0.5 * (j.x(RIGHT_HIP) + j.x(LEFT_HIP));
            double my = 0.5 * (j.y(RIGHT_SHOULDER) + j.y(LEFT_SHOULDER)) - 0.5 * (j.y(RIGHT_HIP) + j.y(LEFT_HIP));
            t = max(t, Math.hypot(mx, my));
        }
        if (all(j, RIGHT_SHOULDER, LEFT_SHOULDER)) {
            t = max(t, SHOULDER_TO_TORSO * dist(j, RIGHT_SHOULDER, LEFT_SHOULDER));
        }
        if (all(j, NECK, HEAD_TOP)) {
            t = max(t, HEAD_TO_TORSO * dist(j, NECK, HEAD_TOP));
        }
        return t;
    }

    static boolean facesCamera(BodyJoints j) {
        double ux;
        double uy;
        if (all(j, RIGHT_SHOULDER, LEFT_SHOULDER, RIGHT_HIP, LEFT_HIP)) {
            ux = 0.5 * (j.x(RIGHT_SHOULDER) + j.x(LEFT_SHOULDER) - j.x(RIGHT_HIP) - j.x(LEFT_HIP));
            uy = 0.5 * (j.y(RIGHT_SHOULDER) + j.y(LEFT_SHOULDER) - j.y(RIGHT_HIP) - j.y(LEFT_HIP));
        } else if (all(j, NECK, HEAD_TOP)) {
            ux = j.x(HEAD_TOP) - j.x(NECK);
            uy = j.y(HEAD_TOP) - j.y(NECK);
        } else {
            ux = 0;
            uy = -1;
        }
        double f = 0;
        if (all(j, RIGHT_SHOULDER, LEFT_SHOULDER)) {
            f += cross(j.x(LEFT_SHOULDER) - j.x(RIGHT_SHOULDER), j.y(LEFT_SHOULDER) - j.y(RIGHT_SHOULDER), ux, uy);
        }
        if (all(j, RIGHT_HIP, LEFT_HIP)) {
            f += cross(j.x(LEFT_HIP) - j.x(RIGHT_HIP), j.y(LEFT_HIP) - j.y(RIGHT_HIP), ux, uy);
        }
        return f <= 0;
    }

    private static Shape torso(BodyJoints j, BodyPart part, double t, boolean front) {
        double msx = 0.5 * (j.x(RIGHT_SHOULDER) + j.x(LEFT_SHOULDER));
        double msy = 0.5 * (j.y(RIGHT_SHOULDER) + j.y(LEFT_SHOULDER));
        double mhx = 0.5 * (j.x(RIGHT_HIP) + j.x(LEFT_HIP));
        double mhy = 0.5 * (j.y(RIGHT_HIP) + j.y(LEFT_HIP));
        double ax = mhx - msx;
        double ay = mhy - msy;
        double len = Math.hypot(ax, ay);
        if (len < EPS) {
            ax = 0;
            ay = 1;
        } else {
            ax /= len;
            ay /= len;
        }
        // Unit normal towards the person's left side: for an upright torso (a = (0, 1)) facing the camera, the
        // person's left is the image right (1, 0).
        double nx = front ? ay : -ay;
        double ny = front ? -ax : ax;
        double[] sh = edge(j.x(RIGHT_SHOULDER), j.y(RIGHT_SHOULDER), j.x(LEFT_SHOULDER), j.y(LEFT_SHOULDER), nx, ny,
                1.0, t);
        double[] hp = edge(j.x(RIGHT_HIP), j.y(RIGHT_HIP), j.x(LEFT_HIP), j.y(LEFT_HIP), nx, ny, HIP_WIDEN, t);
        return new Torso(part, sh[0], sh[1], sh[2], sh[3], hp[0], hp[1], hp[2], hp[3]);
    }

    /** Right and left corner of a torso edge: [rx, ry, lx, ly]. */
    private static double[] edge(double rx, double ry, double lx, double ly, double nx, double ny, double widen,
            double t) {
        double mx = 0.5 * (rx + lx);
        double my = 0.5 * (ry + ly);
        double hx = 0.5 * (lx - rx) * widen;
        double hy = 0.5 * (ly - ry) * widen;
        double across = hx * nx + hy * ny;
        double min = TORSO_MIN_HALF_WIDTH * t;
        if (across < min) {
            double half = Math.max(Math.abs(across), min);
            hx = half * nx;
            hy = half * ny;
        }
        return new double[] {mx - hx, my - hy, mx + hx, my + hy};
    }

    private static Shape head(BodyJoints j, BodyPart part, double t, boolean front) {
        double ax = j.x(NECK);
        double ay = j.y(NECK);
        double dx = j.x(HEAD_TOP) - ax;
        double dy = j.y(HEAD_TOP) - ay;
        double len = Math.hypot(dx, dy);
        double ex;
        double ey;
        if (len < EPS) {
            ex = 0;
            ey = -1;
        } else {
            ex = dx / len;
            ey = dy / len;
        }
        double a = Math.max(HEAD_AXIS * len, HEAD_MIN_AXIS * t);
        double b = Math.max(HEAD_ASPECT * a, HEAD_MIN_AXIS * t);
        // cross(e, p - c) > 0 is the image right of an upright head; that is the person's left when facing.
        double sign = front ? 1 : -1;
        return new Head(part, ax + 0.5 * dx, ay + 0.5 * dy, ex, ey, a, b, sign);
    }

    private static void limb(BodyJoints j, List<Shape> shapes, List<BodyPart> skipped, BodyPart part, LspJoint from,
            LspJoint to, double r0, double r1, double t, boolean front) {
        if (!all(j, from, to)) {
            skipped.add(part);
            return;
        }
        boolean occluded = j.occluded(from) || j.occluded(to);
        double sigma = (part.isRight() ? 1 : -1) * (front ? 1 : -1);
        int base = switch (part) {
            case RIGHT_UPPER_LEG, LEFT_UPPER_LEG -> 1;
            case RIGHT_LOWER_LEG, LEFT_LOWER_LEG -> 2;
            case RIGHT_UPPER_ARM, LEFT_UPPER_ARM -> 3;
            default -> 4;
        };
        int rank = (occluded ? 0 : 100) + base;
        shapes.add(new Capsule(part, rank, j.x(from), j.y(from), j.x(to), j.y(to), r0 * t, r1 * t, sigma));
    }

    private static boolean isBackVariant(BodyPart p, boolean front) {
        return front ? (p == BodyPart.TORSO_BACK || p == BodyPart.HEAD_BACK)
                : (p == BodyPart.TORSO_FRONT || p == BodyPart.HEAD_FRONT);
    }

    private static boolean all(BodyJoints j, LspJoint... joints) {
        for (LspJoint joint : joints) {
            if (!j.present(joint)) {
                return false;
            }
        }
        return true;
    }

    private static double dist(BodyJoints j, LspJoint a, LspJoint b) {
        return Math.hypot(j.x(a) - j.x(b), j.y(a) - j.y(b));
    }

    private static double max(double a, double b) {
        return Double.isNaN(a) ? b : Math.max(a, b);
    }

    private static double cross(double ax, double ay, double bx, double by) {
        return ax * by - ay * bx;
    }

    private static double clamp01(double x) {
        return x < 0 ? 0 : (x > 1 ? 1 : x);
    }

    // ---------------------------------------------------------------- shapes

    /** One part's region and chart. */
    private interface Shape {
        BodyPart part();

        /** Painting rank: lower first. */
        int rank();

        /** [4] x0, y0, x1, y1 of a box containing the region. */
        double[] bounds();

        /** When (x, y) is inside, writes (u, v) into {@code uv} and returns true. */
        boolean chart(double x, double y, double[] uv);
    }

    private record Capsule(BodyPart part, int rank, double ax, double ay, double bx, double by, double ra, double rb,
            double sigma) implements Shape {

        @Override
        public double[] bounds() {
            return new double[] {Math.min(ax - ra, bx - rb), Math.min(ay - ra, by - rb), Math.max(ax + ra, bx + rb),
                Math.max(ay + ra, by + rb)};
        }

        @Override
        public boolean chart(double x, double y, double[] uv) {
            double dx = bx - ax;
            double dy = by - ay;
            double l2 = dx * dx + dy * dy;
            double px = x - ax;
            double py = y - ay;
            double tc = l2 > EPS ? clamp01((px * dx + py * dy) / l2) : 0;
            double cx = px - tc * dx;
            double cy = py - tc * dy;
            double r = ra + (rb - ra) * tc;
            if (cx * cx + cy * cy > r * r) {
                return false;
            }
            double s = l2 > EPS && r > 0 ? cross(dx, dy, px, py) / (Math.sqrt(l2) * r) : 0;
            s = Math.max(-1, Math.min(1, s));
            uv[0] = tc;
            uv[1] = 0.5 * (1 + sigma * s);
            return true;
        }
    }

    private record Head(BodyPart part, double cx, double cy, double ex, double ey, double a, double b, double sign)
            implements Shape {

        @Override
        public int rank() {
            return 60;
        }

        @Override
        public double[] bounds() {
            double r = Math.max(a, b);
            return new double[] {cx - r, cy - r, cx + r, cy + r};
        }

        @Override
        public boolean chart(double x, double y, double[] uv) {
            double px = x - cx;
            double py = y - cy;
            double along = (px * ex + py * ey) / a;
            double across = cross(ex, ey, px, py) / b;
            if (along * along + across * across > 1) {
                return false;
            }
            uv[0] = clamp01(0.5 * (1 + along));
            uv[1] = clamp01(0.5 * (1 + sign * across));
            return true;
        }
    }

    /** Bilinear patch: P(u, v) = A + u·E + v·F + u·v·G with A = right shoulder, E → right hip, F → left shoulder. */
    private record Torso(BodyPart part, double rsx, double rsy, double lsx, double lsy, double rhx, double rhy,
            double lhx, double lhy) implements Shape {

        @Override
        public int rank() {
            return 50;
        }

        @Override
        public double[] bounds() {
            return new double[] {Math.min(Math.min(rsx, lsx), Math.min(rhx, lhx)),
                Math.min(Math.min(rsy, lsy), Math.min(rhy, lhy)), Math.max(Math.max(rsx, lsx), Math.max(rhx, lhx)),
                Math.max(Math.max(rsy, lsy), Math.max(rhy, lhy))};
        }

        @Override
        public boolean chart(double x, double y, double[] uv) {
            double ex = rhx - rsx;
            double ey = rhy - rsy;
            double fx = lsx - rsx;
            double fy = lsy - rsy;
            double gx = rsx - rhx - lsx + lhx;
            double gy = rsy - rhy - lsy + lhy;
            double hx = x - rsx;
            double hy = y - rsy;
            double k2 = cross(gx, gy, fx, fy);
            double k1 = cross(ex, ey, fx, fy) + cross(hx, hy, gx, gy);
            double k0 = cross(hx, hy, ex, ey);
            // Roots in v of k2 v^2 + k1 v + k0 = 0 (u along E, v along F).
            double scale = Math.abs(k1) + Math.abs(k0) + Math.abs(k2);
            if (Math.abs(k2) <= 1e-12 * Math.max(scale, 1)) {
                if (Math.abs(k1) < EPS) {
                    return false;
                }
                return accept(-k0 / k1, ex, ey, fx, fy, gx, gy, hx, hy, uv);
            }
            double disc = k1 * k1 - 4 * k0 * k2;
            if (disc < 0) {
                return false;
            }
            double sq = Math.sqrt(disc);
            return accept((-k1 - sq) / (2 * k2), ex, ey, fx, fy, gx, gy, hx, hy, uv)
                    || accept((-k1 + sq) / (2 * k2), ex, ey, fx, fy, gx, gy, hx, hy, uv);
        }

        private static boolean accept(double v, double ex, double ey, double fx, double fy, double gx, double gy,
                double hx, double hy, double[] uv) {
            final double tol = 1e-9;
            if (!(v >= -tol && v <= 1 + tol)) {
                return false;
            }
            double denX = ex + gx * v;
            double denY = ey + gy * v;
            double u = Math.abs(denX) >= Math.abs(denY) ? (hx - fx * v) / denX : (hy - fy * v) / denY;
            if (!(u >= -tol && u <= 1 + tol)) {
                return false;
            }
            uv[0] = clamp01(u);
            uv[1] = clamp01(v);
            return true;
        }
    }
}
