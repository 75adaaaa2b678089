package org.densereg.trainingdata.face;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.densereg.data.face.AnnotationProblem;
import org.densereg.data.face.DatasetSplit;
import org.densereg.io.BadInputException;
import org.densereg.supervision.FaceSupervisionReader;
import org.densereg.supervision.FaceSupervisionSample;
import org.densereg.supervision.FaceSupervisionWriter;
import org.densereg.supervision.SupervisionFileGroup;

/**
 * The complete samples of one or more {@code densereg supervise} output folders (layout in
 * {@code docs/formats.md}), as an indexed training dataset. Samples are ordered by folder (in the order given),
 * then by id (String order), so indices are the same on every run over the same folders. A group counts as a
 * sample when {@link FaceSupervisionWriter#isComplete} holds (its {@code .json} marker and all data files exist);
 * incomplete groups are skipped and counted. Other files ({@code summary.json}, {@code failures.csv}, stray
 * temporaries) are ignored.
 *
 * <p>Instances are immutable; {@link #read} is thread-safe. Depends on {@code supervision} for the file format.
 */
public final class FaceSupervisionFolder {

    /** Most problems quoted in the message of {@link #requireValid}. */
    static final int MAX_QUOTED_PROBLEMS = 20;

    private final List<Path> folders;
    private final Path[] sampleFolder;
    private final String[] sampleId;
    private final int incomplete;

    private FaceSupervisionFolder(List<Path> folders, Path[] sampleFolder, String[] sampleId, int incomplete) {
        this.folders = List.copyOf(folders);
        this.sampleFolder = sampleFolder;
        this.sampleId = sampleId;
        this.incomplete = incomplete;
    }

    /**
     * Lists the complete samples of the given folders.
     *
     * @param folders one or more {@code densereg supervise} output folders
     * @throws BadInputException when a folder does not exist or is not a directory
     * @throws IOException on other I/O failures
     */
    public static FaceSupervisionFolder open(List<Path> folders) throws IOException {
        if (folders.isEmpty()) {
            throw new IllegalArgumentException("at least one supervision folder is needed");
        }
        List<Path> paths = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int incomplete = 0;
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new BadInputException(folder, "not a directory: expected a 'densereg supervise' output folder");
            }
            List<String> stems;
            try (Stream<Path> s = Files.list(folder)) {
                stems = s.map(p -> p.getFileName().toString())
                        .filter(name -> name.endsWith(SupervisionFileGroup.MARKER_SUFFIX) && !name.startsWith("."))
                        .map(name -> name.substring(0, name.length() - SupervisionFileGroup.MARKER_SUFFIX.length()))
                        .filter(id -> !id.isEmpty())
                        .sorted()
                        .toList();
            }
            for (String id : stems) {
                if (FaceSupervisionWriter.isComplete(folder, id)) {
                    paths.add(folder);
                    ids.add(id);
                } else if (Files.exists(folder.resolve(id + SupervisionFileGroup.IMAGE_SUFFIX))
                        || Files.exists(folder.resolve(id + SupervisionFileGroup.UV_SUFFIX))) {
                    incomplete++; // a sample's marker with missing data files; summary.json and the like have none
                }
            }
        }
        return new FaceSupervisionFolder(folders, paths.toArray(new Path[0]), ids.toArray(new String[0]),
                incomplete);
    }

    /** Convenience for {@link #open(List)} with one folder. */
    public static FaceSupervisionFolder open(Path folder) throws IOException {
        return open(List.of(folder));
    }

    /** The folders, in the order given. */
    public List<Path> folders() {
        return folders;
    }

    /** Number of complete samples. */
    public int size() {
        return sampleId.length;
    }

    /** Groups that have a {@code .json} marker and some data files but not all of them (skipped). */
    public int incompleteCount() {
        return incomplete;
    }

    /** The id of sample {@code index}. */
    public String id(int index) {
        return sampleId[checkIndex(index)];
    }

    /** The folder of sample {@code index}. */
    public Path folder(int index) {
        return sampleFolder[checkIndex(index)];
    }

    /**
     * Reads sample {@code index} in full ({@link FaceSupervisionReader#read}). Thread-safe.
     *
     * @throws BadInputException when its files are malformed or inconsistent
     */
    public FaceSupervisionSample read(int index) throws IOException {
        checkIndex(index);
        return FaceSupervisionReader.read(sampleFolder[index], sampleId[index]);
    }

    /**
     * Checks every sample from its headers, without decoding pixels: the metadata ({@code format},
     * {@code version}, positive {@code width}/{@code height}, a {@code landmarks} array of x, y pairs), the
     * size of the crop and part PNGs, the {@code .uv.npy} header (float32, shape (2, H, W), file long enough),
     * and that every sample has the size of the first valid one. Finds all problems, not just the first.
     *
     * @return the problems, in sample order (empty when the dataset is usable); each names the file
     */
    public List<AnnotationProblem> validate() {
        List<AnnotationProblem> problems = new ArrayList<>();
        int[] reference = null;
        Path referenceFile = null;
        if (size() == 0) {
            problems.add(new AnnotationProblem(folders.get(0), folders.size() == 1
                    ? folders.get(0) + ": no complete supervision samples (expected <id>.json with its data files)"
                    : "no complete supervision samples in " + folders));
            return problems;
        }
        for (int i = 0; i < size(); i++) {
            try {
                int[] wh = checkHeaders(sampleFolder[i], sampleId[i]);
                Path meta = sampleFolder[i].resolve(sampleId[i] + SupervisionFileGroup.MARKER_SUFFIX);
                if (reference == null) {
                    reference = wh;
                    referenceFile = meta;
                } else if (wh[0] != reference[0] || wh[1] != reference[1]) {
                    throw new BadInputException(meta, "size " + wh[0] + "x" + wh[1] + " differs from "
                            + reference[0] + "x" + reference[1] + " of " + referenceFile
                            + ": all samples must have the same size");
                }
            } catch (BadInputException e) {
                problems.add(AnnotationProblem.of(e));
            } catch (IOException e) {
                problems.add(new AnnotationProblem(sampleFolder[i].resolve(sampleId[i]
                        + SupervisionFileGroup.MARKER_SUFFIX), sampleId[i] + ": cannot read: " + e.getMessage()));
            }
        }
        return problems;
    }

    /**
     * {@link #validate()}, throwing when anything is wrong.
     *
     * @return the common sample size {@code [width, height]}
     * @throws BadInputException naming the first offending file, whose message lists the number of problems and
     *                           quotes up to {@value #MAX_QUOTED_PROBLEMS} of them, one per line
     */
    public int[] requireValid() throws IOException {
        List<AnnotationProblem> problems = validate();
        if (!problems.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            sb.append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
                    .append(" in the supervision data:");
            for (int i = 0; i < Math.min(problems.size(), MAX_QUOTED_PROBLEMS); i++) {
                sb.append(System.lineSeparator()).append("  ").append(problems.get(i).message());
            }
            if (problems.size() > MAX_QUOTED_PROBLEMS) {
                sb.append(System.lineSeparator()).append("  ... and ")
                        .append(problems.size() - MAX_QUOTED_PROBLEMS).append(" more");
            }
            throw new BadInputException(problems.get(0).file(), sb.toString());
        }
        return checkHeaders(sampleFolder[0], sampleId[0]);
    }

    /**
     * A deterministic split: each sample gets a key hashed from {@code seed} and its id (not its path, so the
     * split does not depend on where the folders are), samples are ordered by key (ties by index), and the first
     * {@code round(validationFraction · size())} become the validation set. The same folders and seed give the
     * same split on every run and machine, and a sample keeps its rank among the others when samples are added.
     *
     * @param validationFraction in [0, 1)
     * @param seed               split seed
     */
    public DatasetSplit split(double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        int n = size();
        Integer[] order = new Integer[n];
        long[] key = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            key[i] = mix(seed ^ fnv1a(sampleId[i]));
        }
        Arrays.sort(order, Comparator.<Integer>comparingLong(i -> key[i]).thenComparingInt(i -> i));
        int nVal = (int) Math.round(validationFraction * n);
        int[] val = new int[nVal];
        int[] train = new int[n - nVal];
        for (int k = 0; k < n; k++) {
            if (k < nVal) {
                val[k] = order[k];
            } else {
                train[k - nVal] = order[k];
            }
        }
        Arrays.sort(val);
        Arrays.sort(train);
        return new DatasetSplit(train, val);
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= sampleId.length) {
            throw new IndexOutOfBoundsException("sample " + index + " outside [0, " + sampleId.length + ")");
        }
        return index;
    }

    /** Checks one sample's headers; returns {width, height}. */
    private static int[] checkHeaders(Path folder, String id) throws IOException {
        Path metaFile = folder.resolve(id + SupervisionFileGroup.MARKER_SUFFIX);
        JsonNode meta = FaceSupervisionReader.readMetadata(folder, id);
        int w = positiveInt(metaFile, meta, "width");
        int h = positiveInt(metaFile, meta, "height");
        JsonNode lm = meta.path("landmarks");
        if (!lm.isArray() || lm.size() % 2 != 0) {
            throw new BadInputException(metaFile, "field 'landmarks': expected an array of x, y pairs");
        }
        checkPngSize(folder.resolve(id + SupervisionFileGroup.IMAGE_SUFFIX), w, h);
        checkPngSize(folder.resolve(id + SupervisionFileGroup.PARTS_SUFFIX), w, h);
        checkUvHeader(folder.resolve(id + SupervisionFileGroup.UV_SUFFIX), w, h);
        return new int[] {w, h};
    }

    private static int positiveInt(Path file, JsonNode meta, String field) {
        JsonNode node = meta.path(field);
        if (!node.canConvertToInt() || node.asInt() <= 0) {
            throw new BadInputException(file, "field '" + field + "': expected a positive integer, found " + node);
        }
        return node.asInt();
    }

    private static void checkPngSize(Path file, int w, int h) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new BadInputException(file, "not a readable image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int fw = reader.getWidth(0);
                int fh = reader.getHeight(0);
                if (fw != w || fh != h) {
                    throw new BadInputException(file, "size " + fw + "x" + fh + " differs from the metadata's "
                            + w + "x" + h);
                }
            } catch (javax.imageio.IIOException e) {
                throw new BadInputException(file, "corrupt image header: " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        }
    }

    /** Checks a {@code .npy} header: magic, version 1–3, {@code <f4}, C order, shape (2, h, w), file length. */
    private static void checkUvHeader(Path file, int w, int h) throws IOException {
        byte[] head;
        long fileSize = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(12);
            if (head.length < 10 || head[0] != (byte) 0x93
                    || !"NUMPY".equals(new String(head, 1, 5, StandardCharsets.ISO_8859_1))) {
                throw new BadInputException(file, "not a .npy file (bad magic)");
            }
            int major = head[6] & 0xff;
            ByteBuffer bb = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            int headerStart;
            long headerLen;
            if (major == 1) {
                headerLen = bb.getShort(8) & 0xffff;
                headerStart = 10;
            } else if ((major == 2 || major == 3) && head.length == 12) {
                headerLen = bb.getInt(8) & 0xffffffffL;
                headerStart = 12;
            } else {
                throw new BadInputException(file, "unsupported .npy version " + major);
            }
            if (headerStart + headerLen > fileSize || headerLen < 16 || headerLen > 1 << 20) {
                throw new BadInputException(file, "truncated .npy header");
            }
            byte[] rest = in.readNBytes((int) (headerStart + headerLen - head.length));
            byte[] all = new byte[head.length + rest.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(rest, 0, all, head.length, rest.length);
            String header = new String(all, headerStart, (int) headerLen, StandardCharsets.ISO_8859_1);
            String compact = header.replace(" ", "");
            if (!compact.contains("'descr':'<f4'")) {
                throw new BadInputException(file, "field 'descr': expected '<f4' (float32, little-endian)");
            }
            if (!compact.contains("'fortran_order':False")) {
                throw new BadInputException(file, "field 'fortran_order': expected False");
            }
            String shape = "'shape':(2," + h + "," + w + ")";
            if (!compact.contains(shape)) {
                throw new BadInputException(file, "field 'shape': expected (2, " + h + ", " + w + ")");
            }
            long expected = headerStart + headerLen + 8L * w * h;
            if (fileSize < expected) {
                throw new BadInputException(file, "truncated data: expected " + expected + " bytes, file has "
                        + fileSize);
            }
        }
    }

    private static long fnv1a(String s) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** The 64-bit finaliser of MurmurHash3 (a bijection that spreads every input bit). */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb34e1ce6ad53L;
        return z ^ (z >>> 33);
    }

    @Override
    public String toString() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("folders", folders);
        m.put("samples", size());
        m.put("incomplete", incomplete);
        return "FaceSupervisionFolder" + m;
    }
}
