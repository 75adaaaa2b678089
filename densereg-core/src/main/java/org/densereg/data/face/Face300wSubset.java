package org.densereg.data.face;

import java.util.List;

/**
 * The 300W subsets, as folders of the released layout (relative to the 300W root), and their published sizes.
 */
public enum Face300wSubset {
    /** LFPW test 224 + HELEN test 330. */
    COMMON(554, List.of("lfpw/testset", "helen/testset")),
    /** iBUG 135. */
    CHALLENGING(135, List.of("ibug")),
    /** common + challenging. */
    FULL(689, List.of("lfpw/testset", "helen/testset", "ibug")),
    /** LFPW train 811 + HELEN train 2000 + AFW 337. */
    TRAIN(3148, List.of("lfpw/trainset", "helen/trainset", "afw")),
    /** The 300W competition test set, indoor + outdoor. */
    COMPETITION(600, List.of("300W/01_Indoor", "300W/02_Outdoor")),
    /** Competition test set, indoor half. */
    COMPETITION_INDOOR(300, List.of("300W/01_Indoor")),
    /** Competition test set, outdoor half. */
    COMPETITION_OUTDOOR(300, List.of("300W/02_Outdoor"));

    private final int expectedCount;
    private final List<String> folders;

    Face300wSubset(int expectedCount, List<String> folders) {
        this.expectedCount = expectedCount;
        this.folders = folders;
    }

    /** The published number of faces. */
    public int expectedCount() {
        return expectedCount;
    }

    /** Folders of the released layout, relative to the 300W root. */
    public List<String> folders() {
        return folders;
    }

    /** The CLI name: {@code common}, {@code competition-indoor}, … */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Parses a CLI name ({@code full}, {@code competition-outdoor}, …), case-insensitive. */
    public static Face300wSubset parse(String name) {
        for (Face300wSubset s : values()) {
            if (s.cliName().equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown 300W subset '" + name + "'; expected one of common, challenging, full, train, "
                + "competition, competition-indoor, competition-outdoor");
    }
}
