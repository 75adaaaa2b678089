package org.densereg.supervision;

/**
 * Face part labels, stored as one byte per pixel in part maps. "Left" and "right" are the subject's: the left
 * eye is on the image right of a frontal face (larger u; iBUG landmarks 42–47).
 */
public enum FacePart {
    /** Not on the face (u &lt; 0 in the UV map). */
    BACKGROUND(0, 0x000000),
    /** Face surface outside every other part. */
    SKIN(1, 0xE3B58F),
    /** Subject's left eyebrow (iBUG 22–26). */
    LEFT_BROW(2, 0x7F3B08),
    /** Subject's right eyebrow (iBUG 17–21). */
    RIGHT_BROW(3, 0xC26A1A),
    /** Subject's left eye (iBUG 42–47). */
    LEFT_EYE(4, 0x2166AC),
    /** Subject's right eye (iBUG 36–41). */
    RIGHT_EYE(5, 0x67A9CF),
    /** Nose: bridge and nostrils (iBUG 27–35). */
    NOSE(6, 0x1B9E77),
    /** Upper lip (iBUG 48–54 outer, 60–64 inner). */
    UPPER_LIP(7, 0xD7301F),
    /** Lower lip (iBUG 54–59 outer, 64–67 inner). */
    LOWER_LIP(8, 0xFC8D59),
    /** Inside the inner lip contour (iBUG 60–67). */
    INNER_MOUTH(9, 0x6A3D9A);

    private static final FacePart[] BY_LABEL = values();

    private final int label;
    private final int rgb;

    FacePart(int label, int rgb) {
        this.label = label;
        this.rgb = rgb;
    }

    /** The label stored in part maps, 0..9. */
    public int label() {
        return label;
    }

    /** Preview colour as {@code 0xRRGGBB}; distinct per part, black for the background. */
    public int rgb() {
        return rgb;
    }

    /**
     * The part with the given label.
     *
     * @param label 0..9 (a byte read from a part map may be passed as {@code b & 0xFF})
     * @throws IllegalArgumentException for any other value
     */
    public static FacePart ofLabel(int label) {
        if (label < 0 || label >= BY_LABEL.length) {
            throw new IllegalArgumentException("face part label must be in 0.." + (BY_LABEL.length - 1) + ", found "
                    + label);
        }
        return BY_LABEL[label];
    }
}
