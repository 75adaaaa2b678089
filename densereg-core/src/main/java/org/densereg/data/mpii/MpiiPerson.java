package org.densereg.data.mpii;

/**
 * One annotated person (an {@code annorect} entry) of MPII Human Pose, 0-based pixels.
 *
 * @param imageIndex   1-based index into {@code RELEASE.annolist} (the image)
 * @param imageName    {@code annolist(i).image.name}, e.g. {@code 015601864.jpg}
 * @param personIndex  1-based index into {@code annolist(i).annorect}
 * @param train        {@code img_train(i) == 1}
 * @param singlePerson listed in {@code single_person{i}}
 * @param headBox      {@code [4]} (x1, y1, x2, y2), or null when the rectangle has no head box
 * @param scale        person scale (height / 200 px), NaN when absent
 * @param objpos       {@code [2]} rough person centre, or null when absent
 * @param joints       {@code [32]} (x, y) of joint id j at {@code 2j}; NaN for joints without a point
 * @param visible      {@code [16]} the {@code is_visible} flag (absent or empty → false; "1"/1 → true)
 */
public record MpiiPerson(int imageIndex, String imageName, int personIndex, boolean train, boolean singlePerson,
                         double[] headBox, double scale, double[] objpos, double[] joints, boolean[] visible) {

    /** True when joint id j has a point. */
    public boolean annotated(int j) {
        return !Double.isNaN(joints[2 * j]);
    }

    /** Number of joints with a point. */
    public int annotatedCount() {
        int c = 0;
        for (int j = 0; j < MpiiJoint.COUNT; j++) {
            if (annotated(j)) {
                c++;
            }
        }
        return c;
    }
}
