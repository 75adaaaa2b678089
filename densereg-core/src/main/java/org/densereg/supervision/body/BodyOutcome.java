package org.densereg.supervision.body;

/**
 * What happened to one person in a supervision run.
 *
 * @param id            sample id
 * @param image         the image file
 * @param status        {@link #OK}, {@link #EXISTING} or {@link #FAILED}
 * @param torsoSize     torso size T in crop pixels (NaN unless OK)
 * @param jointCoverage fraction of the present joints inside the crop that fall on a body pixel (NaN unless OK)
 * @param message       why it failed (empty otherwise)
 */
public record BodyOutcome(String id, String image, String status, double torsoSize, double jointCoverage,
        String message) {

    /** Written by this run. */
    public static final String OK = "ok";
    /** Complete output found and kept. */
    public static final String EXISTING = "existing";
    /** Bad input; nothing written. */
    public static final String FAILED = "failed";

    /** A failure. */
    public static BodyOutcome failed(String id, String image, String message) {
        return new BodyOutcome(id, image, FAILED, Double.NaN, Double.NaN, message);
    }

    /** An item whose output already existed. */
    public static BodyOutcome existing(String id, String image) {
        return new BodyOutcome(id, image, EXISTING, Double.NaN, Double.NaN, "");
    }
}
