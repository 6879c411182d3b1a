package io.trailtailor.synthetic;

import java.util.SplittableRandom;

/**
 * What every actor of the simulation shares: the event queue, the one random source (draw order is part of the
 * output), the world being simulated and the truth written beside the logs. Passed whole so that each actor's
 * constructor names only the collaborators that are its own.
 */
final class Sim {
    final Scheduler scheduler;
    final SplittableRandom r;
    final World w;
    final TruthSink truth;

    Sim(Scheduler scheduler, SplittableRandom r, World w, TruthSink truth) {
        this.scheduler = scheduler;
        this.r = r;
        this.w = w;
        this.truth = truth;
    }
}
