package org.densereg.infer;

import java.util.Locale;

/**
 * How the faces or persons of an inference run are located (docs/inference.md).
 */
public enum Localisation {
    /**
     * The default: faces as {@link #DETECT}, except images that already look like face crops (square, at most
     * {@value FaceDetectionScan#CROP_MAX_SIDE} pixels: {@link FaceDetectionScan#looksLikeCrop}), which are taken
     * whole; persons as {@link #WHOLE}.
     */
    AUTO,
    /** Faces only: every face the face detector finds in each image ({@link FaceDetectionScan}). */
    DETECT,
    /** The whole image is the crop (letterboxed square). */
    WHOLE,
    /** Faces only: the 68 landmarks of the {@code .pts} beside each image. */
    PTS,
    /** A boxes file: JSON or CSV {@code image,x,y,w,h}, or dlib/imglab XML for faces. */
    BOXES,
    /** A dlib/imglab XML boxes file (faces only); read as {@link #BOXES}, named apart in {@code summary.json}. */
    DLIB_XML;

    /**
     * The lower-case name recorded in {@code summary.json} ({@code auto}, {@code detect}, {@code whole}, {@code pts},
     * {@code boxes}, {@code dlib-xml}).
     */
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
     * @param name {@code auto}, {@code detect}, {@code whole}, {@code pts}, {@code boxes} or {@code dlib-xml} (any case)
     * @throws IllegalArgumentException for another name
     */
    public static Localisation parse(String name) {
        for (Localisation l : values()) {
            if (l.jsonName().equalsIgnoreCase(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("expected auto, detect, whole, pts or boxes, found '" + name + "'");
    }
}
