package io.trailtailor.flink.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;
import org.apache.flink.core.plugin.PluginManager;

/**
 * Flink's file systems for the embedded engine, set up as a cluster sets them up: the S3 file system
 * ({@code s3://}, {@code s3a://}, for Parquet, alerts and checkpoints on S3) is a plugin, loaded in its own class
 * loader from a {@code plugins/} directory, because it bundles unrelocated Hadoop, Guava and Jackson that must not
 * meet the job's. The directory is {@code -Dtrailtailor.plugins.dir}, else {@code $FLINK_PLUGINS_DIR}, else
 * {@code plugins/} beside the running jar (the build copies {@code flink-s3-fs-hadoop} there).
 */
public final class FlinkFileSystems {

    private FlinkFileSystems() {}

    /** Initializes this JVM's Flink file systems with {@code conf} (its {@code s3.*} keys) and the plugins found. */
    public static void initialize(Configuration conf) {
        Path dir = pluginsDirectory();
        PluginManager plugins = null;
        if (dir != null) {
            try {
                plugins = new DefaultPluginManager(
                        new DirectoryBasedPluginFinder(dir).findPlugins(),
                        CoreOptions.getPluginParentFirstLoaderPatterns(conf));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Flink plugins in " + dir, e);
            }
        }
        FileSystem.initialize(conf, plugins);
    }

    /** Where the plugins are, or null when there is no such directory. */
    static Path pluginsDirectory() {
        String configured = System.getProperty("trailtailor.plugins.dir", System.getenv("FLINK_PLUGINS_DIR"));
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            return Files.isDirectory(dir) ? dir : null;
        }
        try {
            Path running = Path.of(FlinkFileSystems.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path beside = running.resolveSibling("plugins");
            return Files.isDirectory(beside) ? beside : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
