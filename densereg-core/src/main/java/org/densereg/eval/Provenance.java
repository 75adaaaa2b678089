package org.densereg.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.densereg.io.Sha256;
import org.densereg.runtime.BuildInfo;

/** Provenance entries shared by the evaluations: file identities and software versions. */
public final class Provenance {

    private Provenance() {
    }

    /** {@code {path, sha256, bytes}} of a file (a folder gets only its path). */
    public static Map<String, Object> file(Path file) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", file.toAbsolutePath().normalize().toString());
        if (Files.isRegularFile(file)) {
            m.put("sha256", Sha256.hex(file));
            m.put("bytes", Files.size(file));
        }
        return m;
    }

    /** densereg version and git revision ({@link BuildInfo}), Java version. */
    public static Map<String, Object> versions() {
        BuildInfo b = BuildInfo.current();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("densereg", b.version());
        m.put("git", b.revision());
        m.put("java", System.getProperty("java.version"));
        return m;
    }
}
