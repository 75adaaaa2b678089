package org.densereg.train.body;

/**
 * Which dataset's {@code densereg supervise-body} output {@code data.source} holds; it decides the ids, the
 * training/validation split and the validation metric.
 */
public enum BodyDataset {

    /**
     * LSP ({@code supervise-body --dataset lsp}), the default: samples {@code imNNNN}, split by image number
     * ({@code data.trainFirst..trainLast}, {@code data.validationFirst..validationLast}), validated by LSP PCK@0.2.
     */
    LSP,

    /**
     * MPII Human Pose ({@code supervise-body --dataset mpii}): samples {@code <image>_<person>}; the persons of the
     * first {@code data.validationImages} images (by image name) validate, every other person trains; validated by
     * PCKh@0.5 with the head segment as head size ({@link org.densereg.eval.HeadSegmentPckh}).
     */
    MPII
}
