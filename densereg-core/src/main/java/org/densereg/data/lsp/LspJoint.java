package org.densereg.data.lsp;

/** The 14 LSP joints in file order (DESIGN §6). {@link #ordinal()} is the 0-based index in {@code joints.mat}. */
public enum LspJoint {
    /** 1 right ankle. */ RIGHT_ANKLE,
    /** 2 right knee. */ RIGHT_KNEE,
    /** 3 right hip. */ RIGHT_HIP,
    /** 4 left hip. */ LEFT_HIP,
    /** 5 left knee. */ LEFT_KNEE,
    /** 6 left ankle. */ LEFT_ANKLE,
    /** 7 right wrist. */ RIGHT_WRIST,
    /** 8 right elbow. */ RIGHT_ELBOW,
    /** 9 right shoulder. */ RIGHT_SHOULDER,
    /** 10 left shoulder. */ LEFT_SHOULDER,
    /** 11 left elbow. */ LEFT_ELBOW,
    /** 12 left wrist. */ LEFT_WRIST,
    /** 13 neck. */ NECK,
    /** 14 head top. */ HEAD_TOP;

    /** Number of joints. */
    public static final int COUNT = 14;

    /** The joint on the other side of the body (neck ↔ head top, as in the common evaluation code). */
    public LspJoint mirror() {
        return switch (this) {
            case RIGHT_ANKLE -> LEFT_ANKLE;
            case RIGHT_KNEE -> LEFT_KNEE;
            case RIGHT_HIP -> LEFT_HIP;
            case LEFT_HIP -> RIGHT_HIP;
            case LEFT_KNEE -> RIGHT_KNEE;
            case LEFT_ANKLE -> RIGHT_ANKLE;
            case RIGHT_WRIST -> LEFT_WRIST;
            case RIGHT_ELBOW -> LEFT_ELBOW;
            case RIGHT_SHOULDER -> LEFT_SHOULDER;
            case LEFT_SHOULDER -> RIGHT_SHOULDER;
            case LEFT_ELBOW -> RIGHT_ELBOW;
            case LEFT_WRIST -> RIGHT_WRIST;
            case NECK -> HEAD_TOP;
            case HEAD_TOP -> NECK;
        };
    }
}
