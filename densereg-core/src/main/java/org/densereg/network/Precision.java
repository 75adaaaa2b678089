package org.densereg.network;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The arithmetic precision of inference on the backbone.
 *
 * <ul>
 *   <li>{@link #FP32}: float32 everywhere (the default, and what training always uses);</li>
 *   <li>{@link #BF16}: the fused residual blocks and stem take bfloat16 activations and weights, accumulate in
 *       float32 and hand float32 to the heads; needs a CPU with bf16 instructions (AVX512-BF16 or AMX);</li>
 *   <li>{@link #AUTO}: bf16 where the CPU has it and the model passes {@link PrecisionCheck}, else fp32.</li>
 * </ul>
 */
public enum Precision {
    /** bf16 where the CPU supports it and the model's accuracy check allows it, else fp32. */
    AUTO,
    /** float32 throughout. */
    FP32,
    /** bfloat16 storage, float32 accumulation, in the fused backbone layers. */
    BF16;

    /** The name as the command line spells it: {@code auto}, {@code fp32}, {@code bf16}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "auto, fp32, bf16": the allowed values, for messages. */
    public static String allowed() {
        return Arrays.stream(values()).map(Precision::cliName).collect(Collectors.joining(", "));
    }

    /**
     * The precision named {@code text} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the allowed values when {@code text} is none of them
     */
    public static Precision parse(String text) {
        for (Precision p : values()) {
            if (p.cliName().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + text + "'; allowed: " + allowed());
    }
}
