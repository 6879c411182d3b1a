package io.trailtailor.synthetic;

import java.io.IOException;
import java.util.PriorityQueue;

/**
 * The agenda of the discrete-event engine over the simulated window: actions run in time order (ties in the order
 * they were scheduled), and the running action reads its own time from {@link #now()}.
 */
final class Scheduler {
    /** One scheduled action: a pod start, a credential refresh, a kubelet lease... */
    interface Step {
        void run() throws IOException;
    }

    private record Action(long t, long seq, Step step) {}

    private final long start;
    private final long end;
    private final PriorityQueue<Action> actions =
            new PriorityQueue<>((a, b) -> a.t != b.t ? Long.compare(a.t, b.t) : Long.compare(a.seq, b.seq));
    private long seq;
    private long now;

    Scheduler(long start, long end) {
        this.start = start;
        this.end = end;
    }

    /** First millisecond of the simulated window. */
    long start() {
        return start;
    }

    /** End of the simulated window (exclusive). */
    long end() {
        return end;
    }

    /** The time the running action was scheduled at. */
    long now() {
        return now;
    }

    void schedule(long t, Step step) {
        actions.add(new Action(t, seq++, step));
    }

    /** Runs every action due before {@code t}, including those the running ones schedule before it. */
    void runBefore(long t) throws IOException {
        while (!actions.isEmpty() && actions.peek().t < t) {
            Action a = actions.poll();
            now = a.t;
            a.step.run();
        }
    }
}
