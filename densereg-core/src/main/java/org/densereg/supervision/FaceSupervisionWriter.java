package org.densereg.supervision;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.densereg.data.face.FaceCrop;
import org.densereg.data.face.PtsWriter;
import org.densereg.io.ImageIo;
import org.densereg.io.OutputIds;
import org.densereg.io.StaleTemporaryFiles;

/**
 * Writes {@link FaceSupervisionSample}s as a group of files {@code <outDir>/<id>.*} (layout in
 * {@code docs/formats.md}; the files every group has, their suffixes and the completion marker in
 * {@link SupervisionFileGroup}): {@code .png} crop, {@code .uv.npy} float32 [2, H, W] (u then v, -1 background),
 * {@code .mask.png} (8-bit, 255 face / 0 background), {@code .parts.png} (8-bit labels), {@code .pts}
 * (crop landmarks, 1-based), {@code .preview.png} ({@link UvPreview}) and, last, {@code .json} (metadata:
 * crop transform, exact 0-based landmarks, quality). Every file is written atomically; the {@code .json} file
 * is the completion marker: it is removed before a group is rewritten and written only after all the others,
 * so a group with its marker is complete and a killed run leaves at most stray temporaries
 * ({@link #removeStaleTemporaries}).
 */
public final class FaceSupervisionWriter {

    /** Suffix of the crop landmarks (faces only). */
    public static final String PTS_SUFFIX = ".pts";
    /** The face file group: format {@code densereg-face-supervision}, version 1, with {@code .pts}. */
    public static final SupervisionFileGroup FILES =
            new SupervisionFileGroup("densereg-face-supervision", 1, PTS_SUFFIX);

    private FaceSupervisionWriter() {
    }

    /**
     * Writes (or rewrites) one sample's file group.
     *
     * @param outDir the output folder (created when missing)
     * @param sample the sample
     * @throws IllegalArgumentException when the id is not a safe file-name stem
     */
    public static void write(Path outDir, FaceSupervisionSample sample) throws IOException {
        String id = sample.id();
        checkId(id);
        FILES.begin(outDir, id);
        FILES.writeMaps(outDir, id, sample.image(), sample.width(), sample.height(), sample.u(), sample.v(),
                foregroundMask(sample), sample.parts());
        PtsWriter.write(outDir.resolve(id + PTS_SUFFIX), sample.landmarks());
        ImageIo.writePng(UvPreview.render(sample), outDir.resolve(id + SupervisionFileGroup.PREVIEW_SUFFIX));

        FaceCrop crop = sample.crop();
        Map<String, Object> meta = FILES.metadata(id, sample.width(), sample.height(), crop == null ? null
                : SupervisionFileGroup.crop(crop.scale(), crop.offsetX(), crop.offsetY(), crop.size()));
        meta.put("landmarks", sample.landmarks().xy());
        meta.put("quality", sample.quality());
        FILES.finish(outDir, id, meta);
    }

    /** [H·W] 255 on the face, 0 on background. */
    private static byte[] foregroundMask(FaceSupervisionSample sample) {
        byte[] mask = new byte[sample.width() * sample.height()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = sample.isForeground(i) ? (byte) 255 : 0;
        }
        return mask;
    }

    /** True when the group of {@code id} is complete: its marker and every data file exist. */
    public static boolean isComplete(Path outDir, String id) {
        return FILES.isComplete(outDir, id);
    }

    /**
     * Deletes the temporaries an interrupted atomic write left in {@code outDir} (our own names only,
     * {@link StaleTemporaryFiles}; not in sub-folders). Call it only when no writer is running on the folder.
     *
     * @return the deleted files
     */
    public static List<Path> removeStaleTemporaries(Path outDir) throws IOException {
        return StaleTemporaryFiles.remove(outDir);
    }

    static void checkId(String id) {
        if (!OutputIds.isSafe(id)) {
            throw new IllegalArgumentException("face id must be safe as a file name (no path separators, whitespace,"
                    + " control characters or : * ? \" < > |, not starting with '.'): \"" + id + "\"");
        }
    }
}
