package org.densereg.model3d;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.densereg.io.BadInputException;
import org.densereg.io.TextFiles;

/**
 * Reads the {@code [landmark_mappings]} table of an eos/SFM landmark mapping file ({@code ibug_to_sfm.txt},
 * TOML): lines {@code ibug = vertex} where {@code ibug} is the 1-based iBUG landmark number (bare or quoted)
 * and {@code vertex} the 0-based mesh vertex index (bare or quoted). Comments ({@code #}) and other tables are
 * ignored; within the mapping table every non-empty line must be such a pair.
 */
final class IbugMappingReader {

    private static final Pattern PAIR = Pattern.compile("(\"?)(\\d+)\\1\\s*=\\s*(\"?)(\\d+)\\3");
    private static final String TABLE = "landmark_mappings";

    private IbugMappingReader() {
    }

    /**
     * @param vertexCount number of mesh vertices, to validate the vertex indices
     * @return [68] vertex of each 0-based landmark, -1 where unmapped
     */
    static int[] read(Path file, int vertexCount) throws IOException {
        List<String> lines;
        try {
            lines = TextFiles.readLines(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "file not found");
        }
        int[] map = new int[MorphableModel.LANDMARK_COUNT];
        Arrays.fill(map, -1);
        boolean inTable = false;
        boolean seenTable = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = stripComment(lines.get(i)).trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[") && !line.startsWith("[[") && line.endsWith("]") && !inTableArray(line)) {
                inTable = line.substring(1, line.length() - 1).trim().equals(TABLE);
                seenTable |= inTable;
                continue;
            }
            if (!inTable) {
                continue;
            }
            Matcher m = PAIR.matcher(line);
            if (!m.matches()) {
                throw new BadInputException(file, i + 1, "expected \"ibug = vertex\" (two non-negative integers) in ["
                        + TABLE + "], found \"" + line + "\"");
            }
            int landmark = parse(file, i + 1, m.group(2));
            int vertex = parse(file, i + 1, m.group(4));
            if (landmark < 1 || landmark > MorphableModel.LANDMARK_COUNT) {
                throw new BadInputException(file, i + 1, "iBUG landmark number " + landmark + " outside 1..68");
            }
            if (vertex >= vertexCount) {
                throw new BadInputException(file, i + 1, "vertex " + vertex + " outside the model's 0.."
                        + (vertexCount - 1));
            }
            if (map[landmark - 1] != -1) {
                throw new BadInputException(file, i + 1, "iBUG landmark " + landmark + " mapped twice");
            }
            map[landmark - 1] = vertex;
        }
        if (!seenTable) {
            throw new BadInputException(file, "no [" + TABLE + "] table");
        }
        return map;
    }

    private static boolean inTableArray(String line) {
        // "[1, 2]" is an array value, not a table header; table names contain no commas
        return line.contains(",");
    }

    private static int parse(Path file, int line, String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new BadInputException(file, line, "integer out of range: " + digits);
        }
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
