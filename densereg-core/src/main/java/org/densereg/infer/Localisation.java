package org.densereg.infer;

import java.util.Locale;

/**
 * How the faces or persons of an inference run are located; there is no detector (docs/inference.md).
 */
public enum Localisation {
    /** The whole image is the crop (letterboxed square). */
    WHOLE,
    /** Faces only: the 68 landmarks of the {@code .pts} beside each image. */
    PTS,
    /** A boxes file: JSON or CSV {@code image,x,y,w,h}, or dlib/imglab XML for faces. */
    BOXES,
    /** A dlib/imglab XML boxes file (faces only); read as {@link #BOXES}, named apart in {@code summary.json}. */
    DLIB_XML;

    /** The lower-case name recorded in {@code summary.json} ({@code whole}, {@code pts}, {@code boxes}, {@code dlib-xml}). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True when the items come from a boxes file rather than from image inputs. */
    public boolean fromBoxesFile() {
        return this == BOXES || this == DLIB_XML;
    }

    /**
     * The localisation of a name.
     *
     * @param name {@code whole}, {@code pts}, {@code boxes} or {@code dlib-xml} (any case)
     * @throws IllegalArgumentException for another name
     */
    public static Localisation parse(String name) {
        for (Localisation l : values()) {
            if (l.jsonName().equalsIgnoreCase(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("expected whole, pts or boxes, found '" + name + "'");
    }
}
