package org.densereg.scoring;

/** Which joints of a body model are scored: its heatmap head, its dense (part, u, v) maps, or the model's own. */
public enum JointSource {
    /** The model's own source: the dense maps for a dense-only model, else the heatmap head. */
    AUTO,
    /** The joint heatmap head. */
    HEATMAP,
    /** Joints read off the dense (part, u, v) maps. */
    DENSE
}
