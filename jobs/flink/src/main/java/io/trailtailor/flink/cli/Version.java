package io.trailtailor.flink.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, or "development" when run from classes. */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"trailtailor " + (v == null ? "development" : v) + " (Flink 1.20)"};
    }
}
