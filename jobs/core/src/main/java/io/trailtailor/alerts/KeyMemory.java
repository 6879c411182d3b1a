package io.trailtailor.alerts;

/**
 * What a rule remembers about one key (a subject, a cluster, a role, a principal's hour): when the key was first
 * seen in event time and which items (actions, principals, workloads) it already knows. An interface so the rules
 * stay plain functions: Flink backs it with keyed state, tests with {@link InMemoryKeyMemory}.
 */
public interface KeyMemory {

    /** Event time (epoch ms) of the key's first observation, or null before it. */
    Long firstSeen();

    void firstSeen(long time);

    boolean knows(String item);

    void learn(String item);

    /** Records {@code time} as the first sighting when there is none yet; returns the first sighting. */
    default long firstSeenOr(long time) {
        Long first = firstSeen();
        if (first == null) {
            firstSeen(time);
            return time;
        }
        return first;
    }
}
