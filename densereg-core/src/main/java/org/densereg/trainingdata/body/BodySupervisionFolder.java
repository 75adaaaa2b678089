package org.densereg.trainingdata.body;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.densereg.io.BadInputException;
import org.densereg.supervision.SupervisionFileGroup;
import org.densereg.supervision.body.BodySupervisionReader;
import org.densereg.supervision.body.BodySupervisionSample;
import org.densereg.supervision.body.BodySupervisionWriter;

/**
 * The samples of a {@code densereg supervise-body} folder, read two ways from one listing: every complete sample by
 * id ({@link #ids()}: marker and all data files present; for extra training folders such as LSP Extended's
 * {@code im00001} …), or LSP's samples {@code imNNNN} whose {@code .json} marker exists by image number
 * ({@link #numbers(int, int)}, for the LSP training/validation split). Incomplete groups are ignored.
 */
public final class BodySupervisionFolder {

    private static final Pattern LSP_ID = Pattern.compile("im(\\d{4,5})");

    private final Path folder;
    private final List<String> ids;
    private final List<Integer> numbers;

    private BodySupervisionFolder(Path folder, List<String> ids, List<Integer> numbers) {
        this.folder = folder;
        this.ids = ids;
        this.numbers = numbers;
    }

    /**
     * Lists a folder of LSP samples.
     *
     * @throws BadInputException when the folder does not exist or holds no LSP sample ({@code imNNNN})
     * @throws IOException       on I/O failure
     */
    public static BodySupervisionFolder open(Path folder) throws IOException {
        BodySupervisionFolder f = list(folder);
        if (f.numbers.isEmpty()) {
            throw new BadInputException(folder, "no LSP body supervision samples (imNNNN.json); run densereg"
                    + " supervise-body --dataset lsp first");
        }
        return f;
    }

    /**
     * Lists a folder of samples of any dataset (any id), e.g. {@code supervise-body --dataset lspet} output.
     *
     * @throws BadInputException when the folder does not exist or holds no complete sample
     * @throws IOException       on I/O failure
     */
    public static BodySupervisionFolder openAny(Path folder) throws IOException {
        BodySupervisionFolder f = list(folder);
        if (f.ids.isEmpty()) {
            throw new BadInputException(folder, "no body supervision samples (ID.json); run densereg supervise-body"
                    + " first");
        }
        return f;
    }

    private static BodySupervisionFolder list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder, "not a folder (expected the output of densereg supervise-body)");
        }
        List<String> ids = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (!name.endsWith(SupervisionFileGroup.MARKER_SUFFIX)) {
                    continue;
                }
                String id = name.substring(0, name.length() - SupervisionFileGroup.MARKER_SUFFIX.length());
                if (BodySupervisionWriter.isComplete(folder, id)) {
                    ids.add(id); // every data file present; summary.json and the like have none
                }
                Matcher m = LSP_ID.matcher(id);
                if (m.matches()) {
                    numbers.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        ids.sort(null);
        numbers.sort(null);
        return new BodySupervisionFolder(folder, List.copyOf(ids), List.copyOf(numbers));
    }

    /** @return the folder */
    public Path folder() {
        return folder;
    }

    /** @return the ids of all complete samples, in ascending string order (independent of the listing order) */
    public List<String> ids() {
        return ids;
    }

    /** @return the LSP image numbers of complete samples in [first, last], ascending */
    public int[] numbers(int first, int last) {
        return numbers.stream().filter(n -> n >= first && n <= last).mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param number an LSP image number
     * @return its sample id, {@code imNNNN}
     */
    public static String lspId(int number) {
        return String.format("im%04d", number);
    }

    /** Reads the sample of an LSP image number. */
    public BodySupervisionSample read(int number) throws IOException {
        return read(lspId(number));
    }

    /** Reads the sample of an id. */
    public BodySupervisionSample read(String id) throws IOException {
        return BodySupervisionReader.read(folder, id);
    }
}
