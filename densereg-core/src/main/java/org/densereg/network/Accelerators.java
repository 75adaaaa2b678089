package org.densereg.network;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Chooses the {@link Accelerator} of this process: the one place where an acceleration backend is picked.
 *
 * <p>Implementations are found as {@link ServiceLoader} providers of {@link Accelerator} (oneDNN is registered in
 * {@code densereg-core}'s {@code META-INF/services}); the first whose {@link Accelerator#unavailableReason()} is null
 * is active, otherwise "none". Each implementation checks what it needs itself: oneDNN the CPU backend, its natives
 * and the system properties {@code densereg.onednn} (false: off) and {@code densereg.onednn.fuse} (false: blocks
 * unfused). The choice is made again on every call (it is cheap), so a property set at run time takes effect for the
 * next graph.
 */
public final class Accelerators {

    private static final List<Accelerator> INSTALLED = load();

    private Accelerators() {
    }

    /** The accelerator that graphs built, loaded or resumed now go through; "none" when no implementation can run. */
    public static Accelerator active() {
        List<String> reasons = new ArrayList<>();
        for (Accelerator accelerator : INSTALLED) {
            String reason = accelerator.unavailableReason();
            if (reason == null) {
                return accelerator;
            }
            reasons.add(accelerator.name() + " acceleration off: " + reason);
        }
        return new NoAccelerator(INSTALLED, reasons.isEmpty() ? "no accelerator installed"
                : reasons.stream().collect(Collectors.joining("; ")));
    }

    /** Every installed implementation, available here or not, in the order {@link #active()} tries them. */
    public static List<Accelerator> installed() {
        return INSTALLED;
    }

    private static List<Accelerator> load() {
        List<Accelerator> out = new ArrayList<>();
        ServiceLoader.load(Accelerator.class, Accelerators.class.getClassLoader()).forEach(out::add);
        return List.copyOf(out);
    }
}
