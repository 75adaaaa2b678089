package org.densereg.data.face;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.densereg.data.Landmarks;
import org.densereg.io.BadInputException;
import org.densereg.io.TextFiles;

/**
 * Reads 300W/iBUG {@code .pts} files: {@code version: 1}, {@code n_points: N}, <code>{</code>, N lines of
 * {@code x y}, <code>}</code> (UTF-8, a leading BOM and CRLF line ends accepted). Coordinates on disk are 1-based (MATLAB convention); the result is 0-based.
 */
public final class PtsReader {

    private PtsReader() {
    }

    /**
     * Reads a {@code .pts} file.
     *
     * @param file the file
     * @param expectedPoints the number of points required, or -1 to accept the header's count
     * @return the points, 0-based pixel coordinates
     * @throws BadInputException naming the file and line when the content is malformed
     * @throws IOException when the file cannot be read
     */
    public static Landmarks read(Path file, int expectedPoints) throws IOException {
        List<String> lines;
        try {
            lines = TextFiles.readLines(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "file not found");
        }
        int i = 0;
        int nPoints = -1;
        // header: "key: value" lines until "{"
        while (i < lines.size() && !lines.get(i).trim().equals("{")) {
            String line = lines.get(i).trim();
            if (line.startsWith("n_points")) {
                String[] kv = line.split(":", 2);
                if (kv.length != 2) {
                    throw new BadInputException(file, i + 1, "expected \"n_points: N\", found \"" + line + "\"");
                }
                try {
                    nPoints = Integer.parseInt(kv[1].trim());
                } catch (NumberFormatException e) {
                    throw new BadInputException(file, i + 1, "expected an integer point count, found \"" + kv[1].trim() + "\"");
                }
            } else if (!line.isEmpty() && !line.startsWith("version")) {
                throw new BadInputException(file, i + 1, "expected \"version:\", \"n_points:\" or \"{\", found \"" + line + "\"");
            }
            i++;
        }
        if (i >= lines.size()) {
            throw new BadInputException(file, lines.size(), "missing \"{\" before the points");
        }
        if (nPoints < 0) {
            throw new BadInputException(file, i + 1, "missing \"n_points:\" header before \"{\"");
        }
        if (expectedPoints >= 0 && nPoints != expectedPoints) {
            throw new BadInputException(file, "expected " + expectedPoints + " points, header says " + nPoints);
        }
        double[] xy = new double[2 * nPoints];
        int read = 0;
        i++;
        for (; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.equals("}")) {
                break;
            }
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new BadInputException(file, i + 1, "expected 2 numbers, found \"" + line + "\"");
            }
            if (read >= nPoints) {
                throw new BadInputException(file, i + 1, "more than the " + nPoints + " points the header announces");
            }
            for (int c = 0; c < 2; c++) {
                double value;
                try {
                    value = Double.parseDouble(parts[c]);
                } catch (NumberFormatException e) {
                    throw new BadInputException(file, i + 1, "expected a number, found \"" + parts[c] + "\"");
                }
                if (!Double.isFinite(value)) {
                    throw new BadInputException(file, i + 1, "expected a finite number, found \"" + parts[c] + "\"");
                }
                xy[2 * read + c] = value - 1.0;
            }
            read++;
        }
        if (i >= lines.size()) {
            throw new BadInputException(file, lines.size(), "missing closing \"}\"");
        }
        if (read != nPoints) {
            throw new BadInputException(file, i + 1, "expected " + nPoints + " points, found " + read);
        }
        return new Landmarks(xy);
    }
}
