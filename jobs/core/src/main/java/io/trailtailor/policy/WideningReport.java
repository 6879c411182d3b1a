package io.trailtailor.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/**
 * The sidecar {@code <base>.widening.json} beside a policy whose resources were generalized or that does not fit
 * one document: what was collapsed into what, how many observed ARNs each pattern covers and why (threshold or
 * budget), the document sizes against the limit, and {@code overBudget}. A policy with neither gets no sidecar, so
 * its files are exactly what they were before sidecars existed.
 */
public final class WideningReport {

    public static final String SUFFIX = ".widening.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private WideningReport() {}

    /** The sidecar as path → content, or nothing when there is nothing to report. */
    public static Map<String, String> sidecar(SynthesizedPolicy p) {
        if (p.resourceWidenings().isEmpty() && !p.overBudget()) return Map.of();
        return Map.of(p.target().basePath() + SUFFIX, json(p));
    }

    static String json(SynthesizedPolicy p) {
        ObjectNode root = JSON.createObjectNode();
        root.put("target", p.target().label());
        root.put("policyFile", p.target().basePath() + ".json");
        root.put("maxPolicySize", p.options().maxPolicySize());
        root.put("documents", p.documents().size());
        ArrayNode sizes = root.putArray("documentSizes");
        p.documents().forEach(d -> sizes.add(d.iamSize()));
        root.put("overBudget", p.overBudget());
        root.put(
                "resourcesListed",
                p.documents().stream()
                        .flatMap(d -> d.statements().stream())
                        .mapToInt(s -> s.resources().size())
                        .sum());
        ArrayNode list = root.putArray("widenings");
        for (ResourceWidening w : p.resourceWidenings()) {
            ObjectNode o = list.addObject();
            o.put("collapsed", w.prefix());
            o.put("into", w.pattern());
            o.put("observedArns", w.observedArns());
            o.put("children", w.children());
            o.put("reason", w.reason().name().toLowerCase(Locale.ROOT));
            o.put("why", w.why(p.options()));
            ArrayNode ex = o.putArray("examples");
            w.examples().forEach(ex::add);
        }
        return PrettyJson.write(root);
    }
}
