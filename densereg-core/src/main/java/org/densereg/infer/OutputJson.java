package org.densereg.infer;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts that the per-face and per-person output files share: the JSON header, crop and point lists, and the
 * palette part image. Keys and order are those documented in docs/inference.md.
 */
final class OutputJson {

    private OutputJson() {
    }

    /** The first entries of every item JSON: {@code id}, {@code image}, {@code width}, {@code height}, {@code coordinate_base} 0. */
    static Map<String, Object> header(String id, Path source, int width, int height) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("id", id);
        root.put("image", source == null ? null : source.toString());
        root.put("width", width);
        root.put("height", height);
        root.put("coordinate_base", 0);
        return root;
    }

    /** The {@code crop} entry: {@code scale}, {@code offset_x}, {@code offset_y}, {@code size} and the formula. */
    static Map<String, Object> crop(double scale, double offsetX, double offsetY, int size, String formula) {
        Map<String, Object> crop = new LinkedHashMap<>();
        crop.put("scale", scale);
        crop.put("offset_x", offsetX);
        crop.put("offset_y", offsetY);
        crop.put("size", size);
        crop.put("formula", formula);
        return crop;
    }

    /**
     * A detector's face: {@code id} (the item), {@code box} {@code [x, y, w, h]} (continuous pixel coordinates: the
     * image spans [0, width] × [0, height]) and {@code score}.
     */
    static Map<String, Object> detection(String id, org.densereg.detect.FaceDetection face) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", id);
        d.put("box", List.of(face.x(), face.y(), face.width(), face.height()));
        d.put("score", face.score());
        return d;
    }

    /**
     * Points as a JSON list: {@code [x, y]} per point, null where either coordinate is not finite.
     *
     * @param xy [2·count] interleaved x, y
     */
    static List<Object> points(double[] xy) {
        List<Object> out = new ArrayList<>(xy.length / 2);
        for (int k = 0; k + 1 < xy.length; k += 2) {
            out.add(Double.isFinite(xy[k]) && Double.isFinite(xy[k + 1]) ? new double[] {xy[k], xy[k + 1]} : null);
        }
        return out;
    }

    /**
     * A label map as an 8-bit palette image.
     *
     * @param labels     [height·width] row-major labels, each a valid index of {@code rgbByLabel}
     * @param rgbByLabel the palette: 0xRRGGBB per label
     * @return a {@link BufferedImage#TYPE_BYTE_INDEXED} image whose samples are the labels
     */
    static BufferedImage paletteImage(byte[] labels, int width, int height, int[] rgbByLabel) {
        int n = rgbByLabel.length;
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        for (int label = 0; label < n; label++) {
            r[label] = (byte) (rgbByLabel[label] >> 16);
            g[label] = (byte) (rgbByLabel[label] >> 8);
            b[label] = (byte) rgbByLabel[label];
        }
        IndexColorModel palette = new IndexColorModel(8, n, r, g, b);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, palette);
        img.getRaster().setDataElements(0, 0, width, height, labels.clone());
        return img;
    }
}
