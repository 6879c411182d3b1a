package io.trailtailor.alerts;

import java.util.HashSet;
import java.util.Set;

/** A {@link KeyMemory} in plain fields: for tests and for running the rules outside Flink. */
public final class InMemoryKeyMemory implements KeyMemory {

    private Long firstSeen;
    private final Set<String> items = new HashSet<>();

    @Override
    public Long firstSeen() {
        return firstSeen;
    }

    @Override
    public void firstSeen(long time) {
        firstSeen = time;
    }

    @Override
    public boolean knows(String item) {
        return items.contains(item);
    }

    @Override
    public void learn(String item) {
        items.add(item);
    }
}
