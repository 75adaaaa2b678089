package org.densereg.data.face;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.densereg.io.BadInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The released 300W folder layout: {@code lfpw/{trainset,testset}}, {@code helen/{trainset,testset}}, {@code afw},
 * {@code ibug}, and the competition set {@code 300W/01_Indoor}, {@code 300W/02_Outdoor}, each holding images
 * with one {@code .pts} per face. A face is a {@code .pts} file. Folder names are matched case-insensitively.
 * Counts that differ from the published sizes ({@link Face300wSubset#expectedCount()}) are reported in
 * {@link #problems()} (and logged), not fatal: partial copies can still be evaluated, and the report says so.
 */
public final class Face300wLayout {

    private static final Logger LOG = LoggerFactory.getLogger(Face300wLayout.class);

    private final Path root;
    private final Map<Face300wSubset, List<Path>> subsets;
    private final List<String> problems;

    private Face300wLayout(Path root, Map<Face300wSubset, List<Path>> subsets, List<String> problems) {
        this.root = root;
        this.subsets = subsets;
        this.problems = problems;
    }

    /**
     * Scans the layout under {@code root}. Missing folders count as empty.
     *
     * @throws BadInputException when {@code root} is not a folder or none of the 300W folders exists
     * @throws IOException       on a listing error
     */
    public static Face300wLayout scan(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new BadInputException(root, "300W root folder not found");
        }
        Map<Face300wSubset, List<Path>> map = new EnumMap<>(Face300wSubset.class);
        List<String> problems = new ArrayList<>();
        boolean any = false;
        for (Face300wSubset s : Face300wSubset.values()) {
            List<Path> files = new ArrayList<>();
            for (String folder : s.folders()) {
                Path dir = resolveIgnoringCase(root, folder);
                if (dir == null) {
                    continue;
                }
                any = true;
                try (Stream<Path> list = Files.list(dir)) {
                    list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pts"))
                            .sorted().forEach(files::add);
                }
            }
            map.put(s, Collections.unmodifiableList(files));
            if (files.size() != s.expectedCount()) {
                problems.add(s.cliName() + ": " + files.size() + " faces, the published set has " + s.expectedCount());
            }
        }
        if (!any) {
            throw new BadInputException(root, "no 300W folder found (expected lfpw/testset, helen/testset, ibug, afw, "
                    + "lfpw/trainset, helen/trainset or 300W/01_Indoor, 300W/02_Outdoor)");
        }
        for (String p : problems) {
            LOG.warn("{}: {}", root, p);
        }
        return new Face300wLayout(root, map, Collections.unmodifiableList(problems));
    }

    private static Path resolveIgnoringCase(Path root, String relative) throws IOException {
        Path dir = root;
        for (String part : relative.split("/")) {
            Path exact = dir.resolve(part);
            if (Files.isDirectory(exact)) {
                dir = exact;
                continue;
            }
            Path found = null;
            try (Stream<Path> list = Files.list(dir)) {
                for (Path p : (Iterable<Path>) list::iterator) {
                    if (Files.isDirectory(p) && p.getFileName().toString().equalsIgnoreCase(part)) {
                        found = p;
                        break;
                    }
                }
            }
            if (found == null) {
                return null;
            }
            dir = found;
        }
        return dir;
    }

    /** The root folder. */
    public Path root() {
        return root;
    }

    /** The {@code .pts} files of a subset: folders in {@link Face300wSubset#folders()} order, names sorted within each. */
    public List<Path> annotations(Face300wSubset subset) {
        return subsets.get(subset);
    }

    /** Number of faces found per subset. */
    public Map<Face300wSubset, Integer> counts() {
        Map<Face300wSubset, Integer> out = new EnumMap<>(Face300wSubset.class);
        subsets.forEach((k, v) -> out.put(k, v.size()));
        return out;
    }

    /** One line per subset whose count differs from the published size. */
    public List<String> problems() {
        return problems;
    }

    /** The face id of a {@code .pts} file: its path relative to the root, without extension, '/' separated. */
    public String id(Path pts) {
        String rel = root.relativize(pts).toString().replace('\\', '/');
        return rel.substring(0, rel.length() - 4);
    }
}
