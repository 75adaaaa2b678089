package org.densereg.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads text files the one way every reader in the project does: UTF-8, a leading byte-order mark
 * ({@code U+FEFF}, as Windows editors save it) dropped, and CRLF or lone CR line ends turned into LF, so a file
 * saved on Windows parses to the same values as one saved on Linux. Bytes that are not UTF-8 are a
 * {@link BadInputException} naming the file and line. A missing file is left to the caller
 * ({@link java.nio.file.NoSuchFileException}), which knows what the file was for.
 *
 * <p>XML is the one text format read otherwise: its parser is given the bytes, so that it honours the declared
 * encoding (dlib's imglab writes ISO-8859-1); it skips a BOM and reads CRLF as the XML specification requires.
 */
public final class TextFiles {

    /** The byte-order mark as a character. */
    public static final char BOM = '\uFEFF';

    private TextFiles() {
    }

    /**
     * Reads a whole text file.
     *
     * @return the text without a leading BOM, every line end as {@code \n}
     * @throws BadInputException when the file is not UTF-8 text (names the file and line)
     * @throws IOException when the file cannot be read (including {@link java.nio.file.NoSuchFileException})
     */
    public static String read(Path file) throws IOException {
        return decode(file, Files.readAllBytes(file));
    }

    /**
     * Reads a text file as lines (without their line ends), like {@link Files#readAllLines(Path)} but with
     * the BOM dropped; line k of the list (0-based) is line k + 1 of the file.
     *
     * @throws BadInputException when the file is not UTF-8 text (names the file and line)
     * @throws IOException when the file cannot be read (including {@link java.nio.file.NoSuchFileException})
     */
    public static List<String> readLines(Path file) throws IOException {
        return lines(read(file));
    }

    /**
     * Decodes the bytes of a text file (or archive entry) that was read some other way.
     *
     * @param file names the source in messages only
     * @return the text without a leading BOM, every line end as {@code \n}
     * @throws BadInputException when the bytes are not UTF-8 (names the file and line)
     */
    public static String decode(Path file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            throw new BadInputException(file, lineAt(bytes, at), String.format(
                    "not UTF-8 text: invalid byte 0x%02X at byte offset %d; save the file as UTF-8",
                    bytes[Math.min(at, bytes.length - 1)] & 0xff, at));
        }
        out.flip();
        return normalise(out.toString());
    }

    /** The text without a leading BOM, with CRLF and lone CR line ends turned into LF. */
    public static String normalise(String text) {
        String s = !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
        return s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** Splits normalised text into lines; a final line end does not start another (empty) line. */
    static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> lines = List.of(text.split("\n", -1));
        return text.endsWith("\n") ? lines.subList(0, lines.size() - 1) : lines;
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n')) {
                line++;
            }
        }
        return line;
    }
}
