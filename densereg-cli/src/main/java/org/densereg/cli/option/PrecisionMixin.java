package org.densereg.cli.option;

import org.densereg.cli.support.CommandFailedException;
import org.densereg.cli.support.ExitCodes;
import org.densereg.network.InferencePrecision;
import org.densereg.network.Precision;
import org.densereg.network.UnsupportedPrecisionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --precision auto|fp32|bf16}: the arithmetic precision of inference ({@link InferencePrecision}). */
public final class PrecisionMixin {

    private static final Logger LOG = LoggerFactory.getLogger(PrecisionMixin.class);

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--precision", paramLabel = "auto|fp32|bf16", defaultValue = "fp32",
            description = "Inference precision: fp32 (default), bf16 (the backbone's fused layers in bfloat16 with "
                    + "float32 accumulation; needs a CPU with avx512_bf16 or AMX), or auto (bf16 where the CPU has it"
                    + " and the model passes a bf16 accuracy check, else fp32).")
    String precision;

    /**
     * Parses the option and sets this process's inference precision, logging which was asked for and why it stands.
     *
     * @return the precision asked for
     * @throws ParameterException      (exit 2) for a value other than auto, fp32, bf16
     * @throws CommandFailedException  (exit 2) for bf16 on a machine that cannot run it
     */
    public Precision apply() {
        Precision p;
        try {
            p = Precision.parse(precision);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), "--precision must be one of " + Precision.allowed()
                    + ", got '" + precision + "'");
        }
        try {
            String why = InferencePrecision.request(p);
            LOG.info("inference precision: {}", why);
        } catch (UnsupportedPrecisionException e) {
            throw new CommandFailedException(ExitCodes.USAGE, "--precision bf16: " + e.getMessage());
        }
        return p;
    }
}
