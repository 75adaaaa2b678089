package org.densereg.supervision;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.densereg.data.Landmarks;
import org.densereg.data.face.FaceCrop;
import org.densereg.io.BadInputException;
import org.densereg.io.ImageIo;
import org.densereg.io.NpyArray;
import org.densereg.io.NpyReader;
import org.densereg.io.TextFiles;

/** Reads a face supervision file group written by {@link FaceSupervisionWriter}. */
public final class FaceSupervisionReader {

    private FaceSupervisionReader() {
    }

    /**
     * Reads and checks a sample's metadata ({@code <id>.json}, the completion marker): JSON, format name and version.
     *
     * @param outDir supervision folder
     * @param id     sample id
     * @return the metadata tree
     * @throws BadInputException when the marker is missing, malformed, or of another format or version (names
     *                           the file and the line or field)
     * @throws IOException on other I/O failures
     */
    public static JsonNode readMetadata(Path outDir, String id) throws IOException {
        return FaceSupervisionWriter.FILES.readMetadata(outDir, id);
    }

    /**
     * Reads the sample {@code id} from {@code outDir}. Landmarks come from the metadata (exact doubles), not from
     * the rounded {@code .pts} copy.
     *
     * @throws BadInputException when the group is incomplete or a file is malformed or inconsistent (names the
     *                           file and field)
     * @throws IOException on other I/O failures
     */
    public static FaceSupervisionSample read(Path outDir, String id) throws IOException {
        FaceSupervisionWriter.checkId(id);
        Path metaFile = outDir.resolve(id + SupervisionFileGroup.MARKER_SUFFIX);
        JsonNode meta = readMetadata(outDir, id);
        int w = requireInt(metaFile, meta, "width");
        int h = requireInt(metaFile, meta, "height");
        int n = w * h;

        Path imageFile = outDir.resolve(id + SupervisionFileGroup.IMAGE_SUFFIX);
        BufferedImage image = ImageIo.read(imageFile);
        checkSize(imageFile, image.getWidth(), image.getHeight(), w, h);

        Path uvFile = outDir.resolve(id + SupervisionFileGroup.UV_SUFFIX);
        NpyArray uv = NpyReader.read(uvFile);
        if (!Arrays.equals(uv.shape(), new int[] {2, h, w})) {
            throw new BadInputException(uvFile, "field 'shape': expected (2, " + h + ", " + w + "), found "
                    + Arrays.toString(uv.shape()));
        }
        float[] all = uv.toFloats();
        float[] u = Arrays.copyOfRange(all, 0, n);
        float[] v = Arrays.copyOfRange(all, n, 2 * n);

        Path partsFile = outDir.resolve(id + SupervisionFileGroup.PARTS_SUFFIX);
        ImageIo.GrayRaster partsRaster = ImageIo.readGray(partsFile);
        checkSize(partsFile, partsRaster.width(), partsRaster.height(), w, h);
        byte[] parts = new byte[n];
        for (int i = 0; i < n; i++) {
            parts[i] = (byte) partsRaster.values()[i];
        }

        JsonNode lm = meta.path("landmarks");
        if (!lm.isArray() || lm.size() % 2 != 0) {
            throw new BadInputException(metaFile, "field 'landmarks': expected an array of x, y pairs");
        }
        double[] xy = new double[lm.size()];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = lm.get(i).asDouble(Double.NaN);
        }

        FaceCrop crop = null;
        JsonNode c = meta.path("crop");
        if (c.isObject()) {
            try {
                crop = new FaceCrop(c.path("scale").asDouble(), c.path("offsetX").asDouble(),
                        c.path("offsetY").asDouble(), c.path("size").asInt());
            } catch (IllegalArgumentException e) {
                throw new BadInputException(metaFile, "field 'crop': " + e.getMessage());
            }
        }
        Map<String, Object> quality = SupervisionFileGroup.JSON.convertValue(meta.path("quality"),
                new TypeReference<Map<String, Object>>() { });
        return new FaceSupervisionSample(id, image, u, v, parts, new Landmarks(xy), crop, quality);
    }

    private static int requireInt(Path file, JsonNode meta, String field) {
        JsonNode node = meta.path(field);
        if (!node.canConvertToInt() || node.asInt() <= 0) {
            throw new BadInputException(file, "field '" + field + "': expected a positive integer, found " + node);
        }
        return node.asInt();
    }

    private static void checkSize(Path file, int w, int h, int expectedW, int expectedH) {
        if (w != expectedW || h != expectedH) {
            throw new BadInputException(file, "size " + w + "x" + h + " differs from the metadata's "
                    + expectedW + "x" + expectedH);
        }
    }
}
