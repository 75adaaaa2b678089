package org.densereg.train.body;

/**
 * Which supervision a body network is trained with (the three variants of the LSP privileged-information
 * experiment). Every variant builds the same network (part, u, v and heatmap heads); unused heads get loss
 * weight 0, so architecture, initialisation and cost are identical.
 */
public enum BodyTask {
    /** Joint heatmaps only; joints read from the heatmap head. */
    HEATMAP,
    /** Joint heatmaps plus dense (part, u, v) supervision (privileged information); joints from the heatmap head. */
    HEATMAP_DENSE,
    /** Dense (part, u, v) supervision only; joints read from the dense maps ({@code BodyJointExtractor}). */
    DENSE;

    /** True when the heatmap loss is on. */
    public boolean trainsHeatmap() {
        return this != DENSE;
    }

    /** True when the part/u/v losses are on. */
    public boolean trainsDense() {
        return this != HEATMAP;
    }
}
