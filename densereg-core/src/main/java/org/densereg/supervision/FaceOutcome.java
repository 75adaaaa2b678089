package org.densereg.supervision;

/**
 * What happened to one face of a supervision run.
 *
 * @param id              face id (output file stem)
 * @param image           source image path as given
 * @param status          {@code ok}, {@code existing} (complete output found and kept) or {@code failed}
 * @param reprojectionNme landmark reprojection error of the fit / outer-eye-corner distance (NaN unless ok)
 * @param meanUvError     {@link LandmarkConsistency#meanUvError()} (NaN unless ok)
 * @param yawDegrees      fitted head yaw (NaN unless ok)
 * @param message         failure reason, empty otherwise
 */
public record FaceOutcome(
        String id, String image, String status, double reprojectionNme, double meanUvError, double yawDegrees,
        String message) {

    /** Status of a face written by this run. */
    public static final String OK = "ok";
    /** Status of a face whose complete output already existed. */
    public static final String EXISTING = "existing";
    /** Status of a face that could not be processed. */
    public static final String FAILED = "failed";

    static FaceOutcome failed(String id, String image, String message) {
        return new FaceOutcome(id, image, FAILED, Double.NaN, Double.NaN, Double.NaN, message);
    }

    static FaceOutcome existing(String id, String image) {
        return new FaceOutcome(id, image, EXISTING, Double.NaN, Double.NaN, Double.NaN, "");
    }
}
