package org.densereg.cli.option;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The value of {@code --flip-test auto|on|off} of {@code infer} and {@code evaluate} (body models' test-time flip). */
public final class FlipTestOption {

    private FlipTestOption() {
    }

    /**
     * @param value the option's text
     * @param spec  the command, for the usage error
     * @return true (on), false (off), null (auto: what the model archive asks for)
     * @throws ParameterException for any other value
     */
    public static Boolean parse(String value, CommandSpec spec) {
        return switch (value) {
            case "on" -> Boolean.TRUE;
            case "off" -> Boolean.FALSE;
            case "auto" -> null;
            default -> throw new ParameterException(spec.commandLine(), "--flip-test: expected auto, on or off, found '"
                    + value + "'");
        };
    }
}
