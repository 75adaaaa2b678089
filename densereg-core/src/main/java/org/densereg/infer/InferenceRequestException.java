package org.densereg.infer;

/**
 * An inference request whose settings do not fit the model (e.g. face landmarks used to locate persons, or a
 * face-only output format asked of a body model): a usage error, found before any image is read. Names the setting
 * and its value so that a caller can point at the option it came from.
 */
public class InferenceRequestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String value;
    private final String what;

    /**
     * @param setting the request setting at fault ({@code localisation}, {@code boxes} or {@code formats})
     * @param value   its offending value
     * @param what    what is wrong and what would do
     */
    public InferenceRequestException(String setting, String value, String what) {
        super(setting + " " + value + ": " + what);
        this.setting = setting;
        this.value = value;
        this.what = what;
    }

    /** The request setting at fault: {@code localisation}, {@code boxes} or {@code formats}. */
    public String setting() {
        return setting;
    }

    /** The offending value. */
    public String value() {
        return value;
    }

    /** What is wrong and what would do, without the setting's name. */
    public String what() {
        return what;
    }
}
