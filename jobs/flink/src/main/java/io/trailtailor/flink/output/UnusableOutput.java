package io.trailtailor.flink.output;

/** An {@code --out} a run must not write into; a usage error (exit code 2), its message one line naming why. */
public final class UnusableOutput extends RuntimeException {

    public UnusableOutput(String message) {
        super(message);
    }
}
