package io.trailtailor.flink.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.FallbackKey;

/**
 * Every Flink configuration key the Flink jars on the test classpath define: the {@link ConfigOption} constants of
 * each {@code org.apache.flink..*Options} class (core, runtime, streaming, Kubernetes, ...), with their fallback and
 * deprecated keys. {@link #problems} checks a descriptor's configuration against them: the key must be known and its
 * value must parse as the option's type, exactly as Flink will parse it.
 */
final class FlinkOptions {

    private static final Pattern OPTIONS_CLASS = Pattern.compile("org/apache/flink/[A-Za-z0-9/]*Options\\.class");

    /**
     * Key families Flink defines by prefix rather than by option: a reporter's options are scoped by its name, and the
     * S3 file system plugins hand {@code s3.*} and {@code fs.s3a.*} to Hadoop's S3A.
     */
    private static final List<Pattern> PREFIX_FAMILIES = List.of(
            Pattern.compile("metrics\\.reporter\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9._-]+"),
            Pattern.compile("s3\\.[A-Za-z0-9._-]+"),
            Pattern.compile("fs\\.s3a\\.[A-Za-z0-9._-]+"));

    private static final FlinkOptions INSTANCE = scan();

    private final Map<String, List<ConfigOption<?>>> byKey;
    private final List<String> classes;

    private FlinkOptions(Map<String, List<ConfigOption<?>>> byKey, List<String> classes) {
        this.byKey = byKey;
        this.classes = classes;
    }

    static FlinkOptions onClasspath() {
        return INSTANCE;
    }

    boolean isKnown(String key) {
        return byKey.containsKey(key);
    }

    int size() {
        return byKey.size();
    }

    /** The option classes that were read, e.g. {@code org.apache.flink.configuration.CheckpointingOptions}. */
    List<String> classes() {
        return classes;
    }

    /** "key: why" for every key that is not a Flink option (or prefix family) or whose value does not parse. */
    List<String> problems(Map<String, String> configuration) {
        Configuration parsed = Configuration.fromMap(configuration);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(configuration).entrySet()) {
            String key = entry.getKey();
            List<ConfigOption<?>> options = byKey.get(key);
            if (options == null) {
                if (PREFIX_FAMILIES.stream().noneMatch(p -> p.matcher(key).matches())) {
                    problems.add(key + ": not a Flink " + flinkVersion() + " option");
                }
                continue;
            }
            String failure = null;
            for (ConfigOption<?> option : options) {
                try {
                    parsed.get(option);
                    failure = null;
                    break;
                } catch (RuntimeException e) {
                    failure = e.getMessage();
                }
            }
            if (failure != null) {
                problems.add(key + ": '" + entry.getValue() + "' does not parse (" + failure + ")");
            }
        }
        return problems;
    }

    private static String flinkVersion() {
        return org.apache.flink.runtime.util.EnvironmentInformation.getVersion();
    }

    private static FlinkOptions scan() {
        Map<String, List<ConfigOption<?>>> byKey = new TreeMap<>();
        List<String> classes = new ArrayList<>();
        ClassLoader loader = FlinkOptions.class.getClassLoader();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = new File(entry).getName();
            if (!name.startsWith("flink-") || !name.endsWith(".jar")) {
                continue;
            }
            for (String className : optionClasses(entry)) {
                Class<?> type;
                try {
                    type = Class.forName(className, true, loader);
                } catch (ClassNotFoundException | LinkageError notUsableHere) {
                    continue; // an options class whose dependencies are not on this classpath
                }
                if (collect(type, byKey)) {
                    classes.add(className);
                }
            }
        }
        byKey.replaceAll((k, v) -> List.copyOf(v));
        Collections.sort(classes);
        return new FlinkOptions(Collections.unmodifiableMap(byKey), List.copyOf(classes));
    }

    private static List<String> optionClasses(String jar) {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar)) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                String path = entries.nextElement().getName();
                if (OPTIONS_CLASS.matcher(path).matches()) {
                    names.add(
                            path.substring(0, path.length() - ".class".length()).replace('/', '.'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static boolean collect(Class<?> type, Map<String, List<ConfigOption<?>>> byKey) {
        boolean any = false;
        for (Field field : type.getFields()) {
            if (!Modifier.isStatic(field.getModifiers()) || !ConfigOption.class.isAssignableFrom(field.getType())) {
                continue;
            }
            ConfigOption<?> option;
            try {
                option = (ConfigOption<?>) field.get(null);
            } catch (IllegalAccessException e) {
                continue;
            }
            byKey.computeIfAbsent(option.key(), k -> new ArrayList<>()).add(option);
            for (FallbackKey fallback : option.fallbackKeys()) {
                byKey.computeIfAbsent(fallback.getKey(), k -> new ArrayList<>()).add(option);
            }
            any = true;
        }
        return any;
    }
}
