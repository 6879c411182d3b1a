package io.trailtailor.findings.iam;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the small "name value" resource files of the IAM rules (comments start with {@code #}). */
final class ActionLists {

    private ActionLists() {}

    /** Values by name, in file order. */
    static Map<String, List<String>> read(String resource) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (InputStream in = ActionLists.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] parts = line.split("\\s+", 2);
                out.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return out;
    }
}
