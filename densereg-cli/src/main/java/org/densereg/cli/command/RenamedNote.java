package org.densereg.cli.command;

import java.io.PrintWriter;
import java.util.List;
import org.densereg.io.OutputIds;

/** The one-line note that {@code infer}, {@code supervise} and {@code supervise-body} print when inputs were renamed. */
final class RenamedNote {

    private RenamedNote() {
    }

    /**
     * Prints "N input(s) renamed because their output name was taken ...", with the first as example; nothing
     * when none was renamed.
     *
     * @param stdout  where results go
     * @param renamed the renamed inputs, in claim order
     */
    static void print(PrintWriter stdout, List<OutputIds.Renamed> renamed) {
        if (!renamed.isEmpty()) {
            stdout.printf("%d input(s) renamed because their output name was taken (\"renamed\" in summary.json),"
                    + " e.g. %s -> %s%n", renamed.size(), renamed.get(0).source(), renamed.get(0).id());
        }
    }
}
