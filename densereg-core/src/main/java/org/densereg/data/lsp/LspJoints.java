package org.densereg.data.lsp;

import java.util.Arrays;

/**
 * LSP joints of N images, in 0-based pixel coordinates (the files are 1-based; readers subtract 1).
 *
 * @param firstImage 1-based number of the first image ({@code im0001.jpg} = 1; the test split starts at 1001)
 * @param xy         {@code [N·14·2]} (x, y) of joint j of image i at {@code (i·14 + j)·2}
 * @param visible    {@code [N·14]} true when joint j of image i is visible (all true for predictions)
 * @param layout     the layout the file had
 */
public record LspJoints(int firstImage, double[] xy, boolean[] visible, LspLayout layout) {

    /** Test split: images 1001–2000. */
    public static final int TEST_FIRST = 1001;
    /** Images in the original LSP. */
    public static final int LSP_IMAGES = 2000;
    /** Images in each split. */
    public static final int SPLIT_SIZE = 1000;

    /** Validates lengths and copies the arrays. */
    public LspJoints {
        if (xy.length % (2 * LspJoint.COUNT) != 0 || visible.length * 2 != xy.length) {
            throw new IllegalArgumentException("xy must be [N*14*2] and visible [N*14]; got " + xy.length + " and " + visible.length);
        }
        xy = xy.clone();
        visible = visible.clone();
    }

    /** Number of images. */
    public int count() {
        return visible.length / LspJoint.COUNT;
    }

    /** x of joint j in image i (0-based image index within this set). */
    public double x(int i, int j) {
        return xy[(i * LspJoint.COUNT + j) * 2];
    }

    /** y of joint j in image i. */
    public double y(int i, int j) {
        return xy[(i * LspJoint.COUNT + j) * 2 + 1];
    }

    /** Whether joint j of image i is visible. */
    public boolean visible(int i, int j) {
        return visible[i * LspJoint.COUNT + j];
    }

    /** The coordinates (a copy). */
    @Override
    public double[] xy() {
        return xy.clone();
    }

    /** The visibility flags (a copy). */
    @Override
    public boolean[] visible() {
        return visible.clone();
    }

    /**
     * Images {@code first..last} (1-based, inclusive, in the numbering of the dataset).
     *
     * @throws IllegalArgumentException when the range is outside this set
     */
    public LspJoints images(int first, int last) {
        int from = first - firstImage;
        int to = last - firstImage + 1;
        if (from < 0 || to > count() || from >= to) {
            throw new IllegalArgumentException("images " + first + ".." + last + " outside " + firstImage + ".."
                    + (firstImage + count() - 1));
        }
        return new LspJoints(first, Arrays.copyOfRange(xy, from * 28, to * 28),
                Arrays.copyOfRange(visible, from * 14, to * 14), layout);
    }

    /** The test split (images 1001–2000). */
    public LspJoints testSplit() {
        return images(TEST_FIRST, TEST_FIRST + SPLIT_SIZE - 1);
    }

    /** The training split (images 1–1000). */
    public LspJoints trainSplit() {
        return images(1, SPLIT_SIZE);
    }
}
