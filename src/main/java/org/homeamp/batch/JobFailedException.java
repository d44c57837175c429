package org.homeamp.batch;

/** A job ended FAILED (exit code 1); the message ends with the exact restart command. */
public class JobFailedException extends RuntimeException {
    private final long executionId;

    public JobFailedException(String message, long executionId) {
        super(message);
        this.executionId = executionId;
    }

    public long executionId() {
        return executionId;
    }
}
