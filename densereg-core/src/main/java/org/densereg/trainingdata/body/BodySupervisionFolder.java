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

/**
 * The complete LSP samples of a {@code densereg supervise-body} folder: ids {@code imNNNN} whose
 * {@code .json} marker exists (incomplete groups are ignored), by LSP image number.
 */
public final class BodySupervisionFolder {

    private static final Pattern LSP_ID = Pattern.compile("im(\\d{4,5})");

    private final Path folder;
    private final List<Integer> numbers;

    private BodySupervisionFolder(Path folder, List<Integer> numbers) {
        this.folder = folder;
        this.numbers = numbers;
    }

    /**
     * Lists the folder.
     *
     * @throws BadInputException when the folder does not exist or holds no LSP sample
     * @throws IOException       on I/O failure
     */
    public static BodySupervisionFolder open(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder, "not a folder (expected the output of densereg supervise-body)");
        }
        List<Integer> numbers = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (!name.endsWith(SupervisionFileGroup.MARKER_SUFFIX)) {
                    continue;
                }
                String id = name.substring(0, name.length() - SupervisionFileGroup.MARKER_SUFFIX.length());
                Matcher m = LSP_ID.matcher(id);
                if (m.matches()) {
                    numbers.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        if (numbers.isEmpty()) {
            throw new BadInputException(folder, "no LSP body supervision samples (imNNNN.json); run densereg"
                    + " supervise-body --dataset lsp first");
        }
        numbers.sort(null);
        return new BodySupervisionFolder(folder, List.copyOf(numbers));
    }

    /** @return the folder */
    public Path folder() {
        return folder;
    }

    /** @return the LSP image numbers of complete samples in [first, last], ascending */
    public int[] numbers(int first, int last) {
        return numbers.stream().filter(n -> n >= first && n <= last).mapToInt(Integer::intValue).toArray();
    }

    /** Reads the sample of an LSP image number. */
    public BodySupervisionSample read(int number) throws IOException {
        return BodySupervisionReader.read(folder, String.format("im%04d", number));
    }
}
