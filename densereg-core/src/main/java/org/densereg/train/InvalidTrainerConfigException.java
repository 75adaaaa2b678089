package org.densereg.train;

import java.util.List;
import org.densereg.io.BadInputException;

/**
 * One or more training settings are out of range. The message lists every problem as {@code key: what}
 * (keys relative to the trainer section, e.g. {@code optimizer.learningRate}). The CLI maps it to exit code 3.
 */
public class InvalidTrainerConfigException extends BadInputException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** @param problems each {@code key: what}; not empty */
    public InvalidTrainerConfigException(List<String> problems) {
        super(null, "invalid training configuration (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "): " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, {@code key: what}. */
    public List<String> problems() {
        return problems;
    }
}
