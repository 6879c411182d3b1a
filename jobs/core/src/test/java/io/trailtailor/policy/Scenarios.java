package io.trailtailor.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Usage scenarios under {@code fixtures/policy/scenarios/<name>.json}: a target and its ActionUse rows. */
public final class Scenarios {

    /** Service-by-service scenarios with golden outputs. */
    public static final List<String> NAMES = List.of(
            "s3",
            "dynamodb",
            "sqs",
            "kms",
            "secretsmanager",
            "ssm",
            "lambda",
            "eks",
            "iam-passrole",
            "passrole-conditions",
            "iam-user");

    /** One loaded scenario. */
    public record Scenario(String name, PolicyTarget target, List<ActionUse> uses) {}

    private Scenarios() {}

    public static Scenario load(String name) {
        String resource = "/fixtures/policy/scenarios/" + name + ".json";
        try (InputStream in = Scenarios.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("no scenario " + resource);
            JsonNode root = new ObjectMapper().readTree(in);
            JsonNode t = root.path("target");
            String kind = t.path("kind").asText();
            PolicyTarget target = kind.equals("USER")
                    ? PolicyTarget.user(
                            t.path("accountId").asText(), t.path("userName").asText())
                    : kind.equals("ROLE")
                            ? PolicyTarget.role(
                                    t.path("accountId").asText(),
                                    t.path("roleName").asText())
                            : PolicyTarget.workload(
                                    t.path("cluster").asText(),
                                    t.path("namespace").asText(),
                                    t.path("serviceAccount").asText());
            List<ActionUse> uses = new ArrayList<>();
            for (JsonNode u : root.path("uses")) {
                List<String> ev = new ArrayList<>();
                u.path("evidenceEventIds").forEach(e -> ev.add(e.asText()));
                List<String> passedTo = new ArrayList<>();
                u.path("passedToServices").forEach(e -> passedTo.add(e.asText()));
                uses.add(new ActionUse(
                        u.path("action").asText(),
                        u.path("resource").asText("*"),
                        u.path("denied").asBoolean(false),
                        u.path("count").asLong(1),
                        instant(u.path("firstSeen")),
                        instant(u.path("lastSeen")),
                        ev,
                        passedTo));
            }
            return new Scenario(name, target, uses);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant instant(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : Instant.parse(n.asText());
    }
}
