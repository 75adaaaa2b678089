package org.densereg.data.body;

/**
 * Which images of a body dataset to use. LSP (DESIGN §6): train = 1–1000, test = 1001–2000, all = every image in the
 * file. MPII ({@link BodyAnnotationReader#mpii}): the release's {@code img_train} flag 1 / 0, or
 * {@code annot/train.json} / {@code annot/valid.json}.
 */
public enum BodySplit {
    /** Images 1–1000. */ TRAIN,
    /** Images 1001–2000. */ TEST,
    /** Every image of {@code joints.mat}. */ ALL
}
