package org.densereg.supervision.body;

/**
 * The surface patches of the licence-free part-based body template (DESIGN §2 "Bodies", §5.2). {@link #label()}
 * is the class index (0 = background, 1..{@value #COUNT} = parts); each part has its own (u, v) chart in [0, 1]:
 * u runs along the part from its proximal end (0) to its distal end (1), v across it (see
 * {@link BodyPartModel} for the exact charts). Left and right are the person's own (person-centric labels).
 *
 * <p>Torso and head are split front/back: the whole torso and head are labelled {@code *_FRONT} when the person
 * faces the camera and {@code *_BACK} when they turn their back to it ({@link BodyPartModel#facesCamera()}).
 * Limbs are not split.
 */
public enum BodyPart {
    /** 0: not on the body. */ BACKGROUND(0x000000),
    /** 1: torso seen from the front (shoulders → hips). */ TORSO_FRONT(0xE41A1C),
    /** 2: torso seen from the back. */ TORSO_BACK(0x8C1011),
    /** 3: head seen from the front (neck → head top). */ HEAD_FRONT(0xFFD92F),
    /** 4: head seen from the back. */ HEAD_BACK(0xA68C00),
    /** 5: right upper arm (shoulder → elbow). */ RIGHT_UPPER_ARM(0x377EB8),
    /** 6: left upper arm. */ LEFT_UPPER_ARM(0x4DAF4A),
    /** 7: right lower arm (elbow → wrist). */ RIGHT_LOWER_ARM(0x80B1D3),
    /** 8: left lower arm. */ LEFT_LOWER_ARM(0xB3DE69),
    /** 9: right upper leg (hip → knee). */ RIGHT_UPPER_LEG(0x984EA3),
    /** 10: left upper leg. */ LEFT_UPPER_LEG(0xFF7F00),
    /** 11: right lower leg (knee → ankle). */ RIGHT_LOWER_LEG(0xBC80BD),
    /** 12: left lower leg. */ LEFT_LOWER_LEG(0xFDB462);

    /** Number of parts P, background excluded (labels 1..P). */
    public static final int COUNT = 12;

    private static final BodyPart[] VALUES = values();

    private final int rgb;

    BodyPart(int rgb) {
        this.rgb = rgb;
    }

    /** The class index: 0 for {@link #BACKGROUND}, 1..{@value #COUNT} for the parts. */
    public int label() {
        return ordinal();
    }

    /** The preview colour as 0xRRGGBB. */
    public int rgb() {
        return rgb;
    }

    /** True for the parts of the person's left side. */
    public boolean isLeft() {
        return name().startsWith("LEFT_");
    }

    /** True for the parts of the person's right side. */
    public boolean isRight() {
        return name().startsWith("RIGHT_");
    }

    /**
     * The part with the same role on the other side (left ↔ right limbs; torso and head map to themselves), the
     * relabelling a horizontal flip needs. With the charts of {@link BodyPartModel}, a flip (with joints relabelled
     * left ↔ right) leaves u unchanged everywhere, leaves v unchanged on limbs and maps v to 1 − v on torso and head.
     */
    public BodyPart mirror() {
        if (isLeft()) {
            return valueOf("RIGHT_" + name().substring(5));
        }
        if (isRight()) {
            return valueOf("LEFT_" + name().substring(6));
        }
        return this;
    }

    /**
     * The part with a given class index.
     *
     * @throws IllegalArgumentException when {@code label} is outside 0..{@value #COUNT}
     */
    public static BodyPart ofLabel(int label) {
        if (label < 0 || label >= VALUES.length) {
            throw new IllegalArgumentException("body part label must be 0.." + COUNT + ", got " + label);
        }
        return VALUES[label];
    }
}
