package org.densereg.io;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Output ids derived from input file names: {@link #sanitize} makes a name safe as (the start of) a file name,
 * and an instance hands out ids that are unique within one run ({@link #claim}), giving a later input whose id is
 * taken a deterministic suffix {@code ~2}, {@code ~3}, ... and remembering it ({@link #renamed}).
 *
 * <p>Uniqueness ignores case ({@link Locale#ROOT} lower case), so that outputs do not overwrite each other on
 * case-insensitive file systems (macOS, Windows) either: {@code A.png} after {@code a.png} becomes {@code A~2}.
 * The same inputs claimed in the same order always get the same ids. Not thread-safe.
 */
public final class OutputIds {

    /**
     * The longest id in UTF-8 bytes (a sanitised name is cut to it, at a character boundary). With the longest
     * output suffix ({@code .landmarks.json}) and the temporary name of an atomic write
     * ({@code .<file>.<up to 20 digits>.tmp}) the file names stay within the usual 255-byte limit.
     */
    public static final int MAX_BYTES = 200;

    /** Characters that are unsafe in file names on common systems (separators and Windows' reserved ones). */
    private static final String UNSAFE = "/\\:*?\"<>|";

    /**
     * An input whose id differs from the one it asked for because that one was taken.
     *
     * @param source the input (its path as given, plus the box index where an image has several faces)
     * @param wanted the sanitised id it asked for
     * @param id     the id it got
     */
    public record Renamed(String source, String wanted, String id) {

        /**
         * Renamed inputs as the runs' {@code summary.json} files list them (under {@code "renamed"}).
         *
         * @param renamed renamed inputs, in claim order
         * @return one {@code {"input": source, "wanted": wanted, "id": id}} map per entry, in the same order
         */
        public static List<Map<String, String>> forSummary(List<Renamed> renamed) {
            List<Map<String, String>> out = new ArrayList<>(renamed.size());
            for (Renamed r : renamed) {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("input", r.source());
                m.put("wanted", r.wanted());
                m.put("id", r.id());
                out.add(m);
            }
            return out;
        }
    }

    private final Set<String> taken = new HashSet<>();
    private final List<Renamed> renamed = new ArrayList<>();

    /** An allocator with no id taken yet. */
    public OutputIds() {
    }

    /**
     * Makes a name safe as a file name: Unicode NFC form; path separators, the characters {@code : * ? " < > |},
     * control and format characters and whitespace each become {@code _}; a leading {@code .} becomes {@code _}
     * (no hidden files, no {@code ..}); an empty name becomes {@code _}; the result is cut to {@link #MAX_BYTES}.
     * Letters and digits of any script, and other punctuation, are kept: {@code name with spaces ü} gives
     * {@code name_with_spaces_ü}. Names made of ASCII letters, digits, {@code - _ .} are returned unchanged.
     *
     * @param raw a file name or relative path (usually without extension)
     * @return the safe name, never empty
     */
    public static String sanitize(String raw) {
        String s = Normalizer.normalize(raw, Normalizer.Form.NFC);
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            sb.appendCodePoint(isUnsafe(cp) ? '_' : cp);
        }
        if (sb.length() == 0) {
            return "_";
        }
        if (sb.charAt(0) == '.') {
            sb.setCharAt(0, '_');
        }
        return truncate(sb.toString(), MAX_BYTES);
    }

    /**
     * True when an id is unchanged by {@link #sanitize} (and not empty): safe as the start of a file name.
     *
     * @param id the id to check
     * @return whether it is safe
     */
    public static boolean isSafe(String id) {
        return !id.isEmpty() && sanitize(id).equals(id);
    }

    private static boolean isUnsafe(int cp) {
        if (cp < 128 && UNSAFE.indexOf(cp) >= 0) {
            return true;
        }
        int type = Character.getType(cp);
        return Character.isISOControl(cp) || type == Character.FORMAT || type == Character.SURROGATE
                || Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    /** The longest prefix of {@code s} with at most {@code maxBytes} UTF-8 bytes, cut between code points. */
    private static String truncate(String s, int maxBytes) {
        if (s.length() * 3 <= maxBytes || s.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return s;
        }
        int bytes = 0;
        int end = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > maxBytes) {
                break;
            }
            bytes += n;
            end += Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    /**
     * Claims an id: {@code wanted} itself when it is free, otherwise the first free {@code wanted~2},
     * {@code wanted~3}, ... (the stem cut so that the whole id stays within {@link #MAX_BYTES}), recorded in
     * {@link #renamed}. Ids that differ only in case count as the same.
     *
     * @param wanted a sanitised id ({@link #sanitize})
     * @param source the input it belongs to, recorded when it is renamed
     * @return the id to use, unique among the ids this allocator handed out
     */
    public String claim(String wanted, String source) {
        String candidate = wanted;
        for (int n = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); n++) {
            String suffix = "~" + n;
            candidate = truncate(wanted, MAX_BYTES - suffix.length()) + suffix;
        }
        if (!candidate.equals(wanted)) {
            renamed.add(new Renamed(source, wanted, candidate));
        }
        return candidate;
    }

    /**
     * The inputs that got another id than they asked for, in claim order.
     *
     * @return an unmodifiable copy
     */
    public List<Renamed> renamed() {
        return List.copyOf(renamed);
    }
}
