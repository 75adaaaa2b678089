package org.densereg.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
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
            m.put("sha256", sha256(file));
            m.put("bytes", Files.size(file));
        }
        return m;
    }

    /** The hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStreamSink.INSTANCE);
        }
        return HexFormat.of().formatHex(md.digest());
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

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
            // discard: only the digest matters
        }

        @Override
        public void write(byte[] b, int off, int len) {
            // discard
        }
    }
}
