package org.densereg.model3d;

/** Which per-vertex (u, v) a loaded model carries (DESIGN §2). */
public enum UvMode {
    /** Cylindrical unwrapping of the mean shape ({@link CylindricalUv}); comparable across models (default). */
    CYLINDRICAL,
    /** The model file's own texture coordinates (v up). */
    MODEL
}
