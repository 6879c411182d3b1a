package io.trailtailor.flink.cli;

/** A problem with what the user asked for (a bad option, an input that is not there): exit code 2, one line. */
public final class UsageError extends RuntimeException {

    public UsageError(String message) {
        super(message);
    }
}
