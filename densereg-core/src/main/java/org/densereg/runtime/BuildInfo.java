package org.densereg.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Version and git revision of this build, read from resources generated at build time.
 *
 * @param version    the project version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param gitCommit  abbreviated git commit of the build, or {@code unknown}
 * @param gitDirty   whether the working tree had uncommitted changes at build time
 */
public record BuildInfo(String version, String gitCommit, boolean gitDirty) {

    private static final String UNKNOWN = "unknown";

    /** Reads the build information of the densereg-core jar (or classes folder). */
    public static BuildInfo current() {
        String version = BuildInfo.class.getPackage().getImplementationVersion();
        Properties git = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/org/densereg/git.properties")) {
            if (in != null) {
                git.load(in);
            }
        } catch (IOException e) {
            // no git information: reported as unknown
        }
        Properties project = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/org/densereg/version.properties")) {
            if (in != null) {
                project.load(in);
            }
        } catch (IOException e) {
            // no version resource: reported as unknown
        }
        if (version == null) {
            version = project.getProperty("version", UNKNOWN);
        }
        return new BuildInfo(version,
                git.getProperty("git.commit.id.abbrev", UNKNOWN),
                Boolean.parseBoolean(git.getProperty("git.dirty", "false")));
    }

    /** The revision as printed by {@code --version}: the commit, with {@code -dirty} when applicable. */
    public String revision() {
        return gitDirty ? gitCommit + "-dirty" : gitCommit;
    }
}
