package io.trailtailor.flink.deploy;

/**
 * A JVM that only sleeps, started by {@link DeployStandaloneITCase} as a process stop.sh must leave alone. Its
 * arguments are ignored; they are there to make its command line look like a Flink process.
 */
public final class Bystander {

    private Bystander() {}

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(10 * 60 * 1000L);
    }
}
