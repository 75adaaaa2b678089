package org.densereg.infer;

import java.util.Locale;

/**
 * The per-face files {@link FaceOutputWriter} can write, each named {@code <id><suffix>} (see docs/inference.md
 * for the exact encodings).
 */
public enum OutputFormat {
    /** {@code .uv.png}: 16-bit RGB, R = round(u·65535), G = round(v·65535) (v up), B = 65535 on the face, 0 off it. */
    UV(".uv.png"),
    /** {@code .iuv.png}: 8-bit, DensePose convention as OpenCV writes it: B = part index I, G = round(u·255), R = round(v·255). */
    IUV(".iuv.png"),
    /** {@code .parts.png}: 8-bit palette PNG, pixel value = part label (0 background … 9), palette = part colours. */
    PARTS(".parts.png"),
    /** {@code .vis.png}: the image with u/v iso-lines every 0.05 and the landmarks as green dots. */
    VIS(".vis.png"),
    /** {@code .pts}: the 68 landmarks in 300W's 1-based format (written only when all were found). */
    PTS(".pts"),
    /** {@code .landmarks.json}: landmarks (0-based), crop, (u, v) distances; written last, it marks the face complete. */
    JSON(".landmarks.json");

    private final String suffix;

    OutputFormat(String suffix) {
        this.suffix = suffix;
    }

    /** The file-name suffix, e.g. {@code .uv.png}. */
    public String suffix() {
        return suffix;
    }

    /** The lower-case name used on the command line ({@code uv}, {@code iuv}, …). */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format of a command-line name.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static OutputFormat parse(String name) {
        for (OutputFormat f : values()) {
            if (f.cliName().equalsIgnoreCase(name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown output format '" + name + "' (expected uv, iuv, parts, vis, pts or json)");
    }
}
