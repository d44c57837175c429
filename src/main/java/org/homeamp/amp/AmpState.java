package org.homeamp.amp;

/** AMP's ApplicationState ({@code State} of {@code Core/GetStatus}, {@code AppState} of GetInstances). */
public enum AmpState {
    UNDEFINED(-1), STOPPED(0), PRE_START(5), CONFIGURING(7), STARTING(10), READY(20), RESTARTING(30),
    STOPPING(40), PREPARING_FOR_SLEEP(45), SLEEPING(50), WAITING(60), INSTALLING(70), UPDATING(75),
    AWAITING_USER_INPUT(80), FAILED(100), SUSPENDED(200), MAINTENANCE(250), INDETERMINATE(999),
    /** A code this tool does not know (a newer AMP); kept so nothing crashes on it. */
    UNKNOWN(Integer.MIN_VALUE);

    private final int code;

    AmpState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static AmpState of(int code) {
        for (AmpState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
