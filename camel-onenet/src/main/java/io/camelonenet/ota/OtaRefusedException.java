package io.camelonenet.ota;

/** The OTA API answered with a code other than 0: a refusal, with the platform's code and message (escaped). */
public class OtaRefusedException extends RuntimeException {

    /** The platform's code for a task that succeeded, failed or was cancelled: it takes no more steps. */
    public static final int TASK_FINISHED = 20;

    private final int code;

    public OtaRefusedException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
