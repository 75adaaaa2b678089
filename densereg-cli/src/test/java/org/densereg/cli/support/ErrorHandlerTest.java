package org.densereg.cli.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.densereg.train.TrainingDivergedException;
import org.densereg.train.TrainingOutOfMemoryException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class ErrorHandlerTest {

    @Command(name = "fails")
    static final class Failing implements Runnable {
        private final RuntimeException error;

        Failing(RuntimeException error) {
            this.error = error;
        }

        @Override
        public void run() {
            throw error;
        }
    }

    private static String[] run(RuntimeException error) {
        CommandLine cl = new CommandLine(new Failing(error));
        cl.setExecutionExceptionHandler(new ErrorHandler());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute();
        return new String[]{Integer.toString(code), err.toString()};
    }

    @Test
    void divergedTrainingIsAFailureWithItsMessage() {
        String[] r = run(new TrainingDivergedException(5, Double.NaN, Path.of("run/checkpoints/ckpt-5.zip"),
                "training diverged: the loss is NaN in iteration 6 of 10"));
        assertEquals(Integer.toString(ExitCodes.FAILURE), r[0]);
        assertTrue(r[1].contains("densereg: training diverged: the loss is NaN in iteration 6 of 10"), r[1]);
        assertFalse(r[1].contains("internal error"), r[1]);
    }

    @Test
    void outOfMemoryIsAFailureWithAdvice() {
        String[] r = run(new TrainingOutOfMemoryException(3, "out of memory in iteration 4 of 10 (x). Use a smaller batch size",
                new OutOfMemoryError("x")));
        assertEquals(Integer.toString(ExitCodes.FAILURE), r[0]);
        assertTrue(r[1].contains("smaller batch size"), r[1]);
    }
}
