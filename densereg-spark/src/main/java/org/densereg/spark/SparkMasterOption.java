package org.densereg.spark;

import picocli.CommandLine.Option;

/** The {@code --master} option that every {@code densereg-spark} command takes. */
final class SparkMasterOption {

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[*] (default, unless spark-submit set one), local[N], spark://host:port,"
                    + " yarn, k8s://...")
    String master;

    /** @return the master given, or null: spark-submit's, else {@code local[*]} ({@link SparkInferCommand#sparkConf}) */
    String master() {
        return master;
    }
}
