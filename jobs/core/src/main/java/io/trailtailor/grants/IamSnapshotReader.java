package io.trailtailor.grants;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailtailor.policy.PolicyDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads {@code aws iam get-account-authorization-details} output (IAM API shape {@code
 * GetAccountAuthorizationDetailsResponse}): one or several files, or directories of {@code .json} files, possibly
 * pagination pieces ({@code IsTruncated}/{@code Marker}) and possibly several accounts; all are merged by ARN, the
 * first occurrence winning. Policy documents may be JSON objects (CLI output) or URL-encoded strings (raw API).
 * Only the default version ({@code IsDefaultVersion}) of a managed policy is kept.
 */
public final class IamSnapshotReader {

    private final Map<String, RoleGrant> roles = new TreeMap<>();
    private final Map<String, UserGrant> users = new TreeMap<>();
    private final Map<String, GroupGrant> groups = new TreeMap<>();
    private final Map<String, ManagedPolicy> policies = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();

    private IamSnapshotReader() {}

    /** Reads and merges files and directories (a directory contributes its {@code *.json} files, sorted). */
    public static IamSnapshot read(Collection<Path> paths) {
        IamSnapshotReader r = new IamSnapshotReader();
        for (Path p : paths) {
            for (Path f : files(p)) r.readFile(f);
        }
        return r.snapshot();
    }

    public static IamSnapshot read(Path... paths) {
        return read(List.of(paths));
    }

    private static List<Path> files(Path p) {
        if (!Files.isDirectory(p)) return List.of(p);
        try (Stream<Path> s = Files.list(p)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readFile(Path f) {
        JsonNode root;
        try {
            root = PolicyJson.JSON.readTree(f.toFile());
        } catch (IOException e) {
            problems.add(f + ": not JSON (" + e.getMessage() + ")");
            return;
        }
        read(root, f.toString());
    }

    /** Merges one parsed response; {@code origin} names it in problems. */
    private void read(JsonNode root, String origin) {
        boolean known = false;
        for (String list : List.of("RoleDetailList", "UserDetailList", "GroupDetailList", "Policies")) {
            known |= root.has(list);
        }
        if (!known) {
            problems.add(origin + ": not get-account-authorization-details output");
            return;
        }
        root.path("Policies").forEach(p -> policy(p, origin));
        root.path("GroupDetailList")
                .forEach(g -> groups.putIfAbsent(g.path("Arn").asText(), group(g, origin)));
        root.path("UserDetailList").forEach(u -> users.putIfAbsent(u.path("Arn").asText(), user(u, origin)));
        root.path("RoleDetailList").forEach(r -> roles.putIfAbsent(r.path("Arn").asText(), role(r, origin)));
    }

    private IamSnapshot snapshot() {
        return new IamSnapshot(roles, users, groups, policies, problems);
    }

    private void policy(JsonNode p, String origin) {
        String arn = p.path("Arn").asText();
        for (JsonNode v : p.path("PolicyVersionList")) {
            if (!v.path("IsDefaultVersion").asBoolean(false)) continue;
            PolicyDocument doc = document(v.path("Document"), origin + " " + arn);
            if (doc == null) return;
            policies.putIfAbsent(
                    arn,
                    new ManagedPolicy(
                            arn,
                            p.path("PolicyName").asText(),
                            v.path("VersionId")
                                    .asText(p.path("DefaultVersionId").asText(null)),
                            doc,
                            instant(p.path("CreateDate")),
                            ManagedPolicy.Source.SNAPSHOT));
            return;
        }
        problems.add(origin + " " + arn + ": no default policy version");
    }

    private GroupGrant group(JsonNode g, String origin) {
        String arn = g.path("Arn").asText();
        return new GroupGrant(
                account(arn),
                arn,
                g.path("GroupName").asText(),
                instant(g.path("CreateDate")),
                inline(g.path("GroupPolicyList"), origin + " " + arn),
                attached(g.path("AttachedManagedPolicies")));
    }

    private UserGrant user(JsonNode u, String origin) {
        String arn = u.path("Arn").asText();
        List<String> groupNames = new ArrayList<>();
        u.path("GroupList").forEach(n -> groupNames.add(n.asText()));
        return new UserGrant(
                account(arn),
                arn,
                u.path("UserName").asText(),
                u.path("Path").asText("/"),
                instant(u.path("CreateDate")),
                inline(u.path("UserPolicyList"), origin + " " + arn),
                attached(u.path("AttachedManagedPolicies")),
                groupNames,
                boundary(u),
                tags(u.path("Tags")));
    }

    private RoleGrant role(JsonNode r, String origin) {
        String arn = r.path("Arn").asText();
        TrustPolicy trust;
        try {
            trust = TrustPolicy.from(r.path("AssumeRolePolicyDocument"));
        } catch (IllegalArgumentException e) {
            problems.add(origin + " " + arn + ": trust policy: " + e.getMessage());
            trust = new TrustPolicy(null, List.of());
        }
        List<InstanceProfile> profiles = new ArrayList<>();
        for (JsonNode ip : r.path("InstanceProfileList")) {
            List<String> roleArns = new ArrayList<>();
            ip.path("Roles").forEach(x -> roleArns.add(x.path("Arn").asText()));
            if (roleArns.isEmpty()) roleArns.add(arn);
            profiles.add(new InstanceProfile(
                    ip.path("InstanceProfileName").asText(),
                    ip.path("Arn").asText(),
                    instant(ip.path("CreateDate")),
                    roleArns));
        }
        return new RoleGrant(
                account(arn),
                arn,
                r.path("RoleName").asText(),
                r.path("Path").asText("/"),
                instant(r.path("CreateDate")),
                trust,
                inline(r.path("RolePolicyList"), origin + " " + arn),
                attached(r.path("AttachedManagedPolicies")),
                boundary(r),
                profiles,
                tags(r.path("Tags")),
                instant(r.path("RoleLastUsed").path("LastUsedDate")));
    }

    private List<InlinePolicy> inline(JsonNode list, String where) {
        List<InlinePolicy> out = new ArrayList<>();
        for (JsonNode p : list) {
            String name = p.path("PolicyName").asText();
            PolicyDocument doc = document(p.path("PolicyDocument"), where + " inline " + name);
            if (doc != null) out.add(new InlinePolicy(name, doc));
        }
        return out;
    }

    private static List<AttachedPolicy> attached(JsonNode list) {
        List<AttachedPolicy> out = new ArrayList<>();
        list.forEach(p -> out.add(new AttachedPolicy(
                p.path("PolicyName").asText(), p.path("PolicyArn").asText())));
        return out;
    }

    private static String boundary(JsonNode principal) {
        JsonNode b = principal.path("PermissionsBoundary").path("PermissionsBoundaryArn");
        return b.isTextual() ? b.asText() : null;
    }

    private static Map<String, String> tags(JsonNode list) {
        Map<String, String> out = new TreeMap<>();
        list.forEach(t -> out.put(t.path("Key").asText(), t.path("Value").asText()));
        return out;
    }

    /** Parses a document, recording (not throwing) what does not parse. */
    private PolicyDocument document(JsonNode node, String where) {
        try {
            JsonNode doc = PolicyJson.document(node);
            if (doc == null) {
                problems.add(where + ": no policy document");
                return null;
            }
            return PolicyDocument.fromJson(PolicyJson.text(doc));
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage());
            return null;
        }
    }

    static String account(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length > 4 ? parts[4] : "";
    }

    /** CLI dates: {@code 2024-03-01T10:00:00+00:00} or {@code ...Z}; absent or odd gives null. */
    static Instant instant(JsonNode n) {
        if (!n.isTextual()) return null;
        try {
            return OffsetDateTime.parse(n.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
