package org.densereg.data.mpii;

/** The 16 MPII joints; {@link #ordinal()} is the MPII joint id (0..15) and the row in {@code gt_valid.mat}. */
public enum MpiiJoint {
    /** 0. */ RIGHT_ANKLE("rank"),
    /** 1. */ RIGHT_KNEE("rkne"),
    /** 2. */ RIGHT_HIP("rhip"),
    /** 3. */ LEFT_HIP("lhip"),
    /** 4. */ LEFT_KNEE("lkne"),
    /** 5. */ LEFT_ANKLE("lank"),
    /** 6 (excluded from PCKh). */ PELVIS("pelv"),
    /** 7 (excluded from PCKh). */ THORAX("thor"),
    /** 8. */ UPPER_NECK("neck"),
    /** 9. */ HEAD_TOP("head"),
    /** 10. */ RIGHT_WRIST("rwri"),
    /** 11. */ RIGHT_ELBOW("relb"),
    /** 12. */ RIGHT_SHOULDER("rsho"),
    /** 13. */ LEFT_SHOULDER("lsho"),
    /** 14. */ LEFT_ELBOW("lelb"),
    /** 15. */ LEFT_WRIST("lwri");

    /** Number of joints. */
    public static final int COUNT = 16;

    private final String shortName;

    MpiiJoint(String shortName) {
        this.shortName = shortName;
    }

    /** The name in {@code dataset_joints} of {@code gt_valid.mat}, e.g. {@code rank}. */
    public String shortName() {
        return shortName;
    }
}
