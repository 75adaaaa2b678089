package org.densereg.supervision.body;

/** Which LSP images to use (DESIGN §6): train = 1–1000, test = 1001–2000, all = every image in the file. */
public enum LspSplit {
    /** Images 1–1000. */ TRAIN,
    /** Images 1001–2000. */ TEST,
    /** Every image of {@code joints.mat}. */ ALL
}
