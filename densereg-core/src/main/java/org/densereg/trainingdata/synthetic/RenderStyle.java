package org.densereg.trainingdata.synthetic;

import java.util.Locale;

/** How close to a photograph synthetic faces are drawn. */
public enum RenderStyle {
    /**
     * Flat-shaded face on a procedural background with occasional flat occluders: the style the {@code demo}
     * model was trained with (unchanged, so that its recipe stays reproducible).
     */
    BASIC,
    /**
     * Towards photographs: per-surface skin texture, eyes with iris and pupil, nostrils, optional beard; diffuse
     * and specular light with coloured light; hair, ears, neck and clothes around the face; textured backgrounds;
     * skin-coloured, textured and eyewear occluders; framed like a detector box; then colour, gamma, grey, low
     * resolution, blur, sensor noise and JPEG degradations. See {@code docs/synthetic-faces.md}.
     */
    PHOTO;

    /** @return the lower-case name used in configurations and on the command line */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param key {@code basic} or {@code photo} (any case)
     * @return the style
     * @throws IllegalArgumentException naming the accepted values
     */
    public static RenderStyle parse(String key) {
        for (RenderStyle style : values()) {
            if (style.key().equalsIgnoreCase(key == null ? "" : key.trim())) {
                return style;
            }
        }
        throw new IllegalArgumentException("unknown render style '" + key + "': expected basic or photo");
    }
}
