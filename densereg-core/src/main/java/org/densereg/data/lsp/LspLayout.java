package org.densereg.data.lsp;

/** How an LSP joint array was laid out in its file (MATLAB dimensions; N = number of images). */
public enum LspLayout {
    /** Original LSP {@code joints.mat}: 3×14×N (x, y, flag), flag 1 = <b>occluded</b>. */
    ORIGINAL_3x14xN("3x14xN (original LSP, flag 1 = occluded)"),
    /** LSP-extended {@code joints.mat}: 14×3×N (x, y, flag), flag 1 = <b>visible</b>. */
    EXTENDED_14x3xN("14x3xN (LSP-extended, flag 1 = visible)"),
    /** Predictions as in the common MATLAB evaluation code: 2×14×N (x, y). */
    XY_2x14xN("2x14xN (x, y)"),
    /** Predictions 3×14×N whose third row (a score or flag) is ignored. */
    XYS_3x14xN("3x14xN (x, y, ignored third row)"),
    /** Predictions 14×2×N. */
    XY_14x2xN("14x2xN (x, y)"),
    /** Predictions N×14×2 (the NumPy/PyTorch order). */
    XY_Nx14x2("Nx14x2 (x, y)"),
    /** Predictions from JSON. */
    JSON("JSON");

    private final String description;

    LspLayout(String description) {
        this.description = description;
    }

    /** A human-readable description, e.g. {@code 3x14xN (original LSP, flag 1 = occluded)}. */
    public String description() {
        return description;
    }
}
