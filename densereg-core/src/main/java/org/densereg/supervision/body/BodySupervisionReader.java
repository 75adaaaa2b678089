package org.densereg.supervision.body;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.densereg.data.body.BodyJoints;
import org.densereg.io.BadInputException;
import org.densereg.io.ImageIo;
import org.densereg.io.NpyArray;
import org.densereg.io.NpyReader;
import org.densereg.supervision.SupervisionFileGroup;

/** Reads a body supervision file group written by {@link BodySupervisionWriter}. */
public final class BodySupervisionReader {

    private BodySupervisionReader() {
    }

    /**
     * Reads the sample {@code id} from {@code outDir}: crop, exact u/v (from {@code .uv.npy}), part labels,
     * joints, crop transform and quality (from the {@code .json} marker).
     *
     * @throws BadInputException when the group is incomplete or a file is malformed (names file and field)
     * @throws IOException       on other I/O failures
     */
    public static BodySupervisionSample read(Path outDir, String id) throws IOException {
        BodySupervisionWriter.checkId(id);
        Path metaFile = outDir.resolve(id + SupervisionFileGroup.MARKER_SUFFIX);
        JsonNode meta = BodySupervisionWriter.FILES.readMetadata(outDir, id);
        int w = meta.path("width").asInt(-1);
        int h = meta.path("height").asInt(-1);
        if (w <= 0 || h <= 0) {
            throw new BadInputException(metaFile, "fields 'width'/'height': expected positive integers");
        }
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
        Path partsFile = outDir.resolve(id + SupervisionFileGroup.PARTS_SUFFIX);
        ImageIo.GrayRaster raster = ImageIo.readGray(partsFile);
        checkSize(partsFile, raster.width(), raster.height(), w, h);
        byte[] parts = new byte[n];
        for (int i = 0; i < n; i++) {
            int label = raster.values()[i];
            if (label > BodyPart.COUNT) {
                throw new BadInputException(partsFile, "pixel " + i + ": part label " + label + " above " + BodyPart.COUNT);
            }
            parts[i] = (byte) label;
        }
        BodyMaps maps = new BodyMaps(w, h, parts, Arrays.copyOfRange(all, 0, n), Arrays.copyOfRange(all, n, 2 * n));

        JsonNode jn = meta.path("joints");
        JsonNode vn = meta.path("jointsVisible");
        if (!jn.isArray() || jn.size() != 2 * BodyJoints.COUNT || !vn.isArray() || vn.size() != BodyJoints.COUNT) {
            throw new BadInputException(metaFile, "fields 'joints'/'jointsVisible': expected 28 numbers and 14 booleans");
        }
        double[] xy = new double[2 * BodyJoints.COUNT];
        boolean[] visible = new boolean[BodyJoints.COUNT];
        for (int k = 0; k < xy.length; k++) {
            xy[k] = jn.get(k).isNull() ? Double.NaN : jn.get(k).asDouble();
        }
        for (int k = 0; k < visible.length; k++) {
            visible[k] = vn.get(k).asBoolean();
        }
        JsonNode c = meta.path("crop");
        BodyCrop crop = c.isObject() ? new BodyCrop(c.path("scale").asDouble(), c.path("offsetX").asDouble(),
                c.path("offsetY").asDouble(), c.path("size").asInt()) : null;
        Map<String, Object> quality = SupervisionFileGroup.JSON.convertValue(meta.path("quality"),
                new TypeReference<Map<String, Object>>() { });
        return new BodySupervisionSample(id, image, maps, new BodyJoints(xy, visible), crop, quality);
    }

    private static void checkSize(Path file, int w, int h, int ew, int eh) {
        if (w != ew || h != eh) {
            throw new BadInputException(file, "size: expected " + ew + "x" + eh + ", found " + w + "x" + h);
        }
    }
}
