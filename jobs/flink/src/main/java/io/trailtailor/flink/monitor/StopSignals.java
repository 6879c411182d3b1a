package io.trailtailor.flink.monitor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM as a request to stop, not as the JVM's shutdown: with the default handlers the JVM would run its
 * shutdown hooks at once, and the embedded Flink cluster's hooks would tear it down before the final savepoint is
 * written. Here a signal only completes {@link #requested}; the runner then stops the job with a savepoint. A second
 * signal while that is under way is ignored (kill -9 still ends everything).
 */
public final class StopSignals {

    private final CompletableFuture<String> requested = new CompletableFuture<>();

    private StopSignals() {}

    public static StopSignals install() {
        StopSignals signals = new StopSignals();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), s -> signals.requested.complete("SIG" + s.getName()));
        }
        return signals;
    }

    /** A stop signal not tied to the operating system, for callers that run the monitor in-process. */
    public static StopSignals manual() {
        return new StopSignals();
    }

    public void request(String why) {
        requested.complete(why);
    }

    /** The signal's name once one arrived, waiting at most {@code millis}; null if none yet. */
    public String await(long millis) throws InterruptedException {
        try {
            return requested.get(millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
