package org.densereg.cli.support;

import org.densereg.runtime.BuildInfo;
import org.densereg.runtime.Nd4jEnvironment;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: project version, git revision and the ND4J backend that loaded. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        BuildInfo build = BuildInfo.current();
        Nd4jEnvironment nd4j = Nd4jEnvironment.current();
        return new String[] {
            "densereg " + build.version() + " (git " + build.revision() + ")",
            "ND4J backend: " + nd4j,
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
