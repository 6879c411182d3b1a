package io.trailtailor.flink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@code analyze} run as a user starts it (its own JVM, {@code java.io.tmpdir} pointed at a fresh directory) over
 * logs with hostile names: a 300-character role name and a 250-character service account. Then a second run over
 * nothing, into the same {@code --out}, beside a hand-written policy.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyzeOutputsITCase {

    static final String ROLE = "deploy-" + "x".repeat(293);
    static final String SA = "sa-" + "y".repeat(247);
    static final String ISSUER = "oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789";

    @TempDir
    static Path dir;

    static Path out;
    static Path tmp;
    static int exit;
    static String log;

    @BeforeAll
    static void analyzeOnce() throws Exception {
        assertThat(ROLE).hasSize(300);
        assertThat(SA).hasSize(250);
        Path in = dir.resolve("in");
        Files.createDirectories(in.resolve("cloudtrail"));
        Files.createDirectories(in.resolve("audit"));
        Files.writeString(in.resolve("cloudtrail/irsa.jsonl"), mint() + "\n" + call() + "\n" + "not json at all\n");
        Files.writeString(in.resolve("audit/apiserver.jsonl"), auditEvent() + "\n");
        out = dir.resolve("out");
        Files.createDirectories(out.resolve("policies"));
        Files.writeString(out.resolve("policies/mine.tf"), "# mine");
        tmp = Files.createDirectories(dir.resolve("tmp"));

        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        Arrays.stream(System.getProperty("flink.jdk17.opens", "").split("\\s+"))
                .filter(a -> !a.isBlank())
                .forEach(command::add);
        command.addAll(List.of(
                "-Xmx768m",
                "-Djava.io.tmpdir=" + tmp,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "analyze",
                "--cloudtrail",
                in.resolve("cloudtrail").toString(),
                "--k8s-audit",
                "prod=" + in.resolve("audit"),
                "--cluster",
                "prod=https://" + ISSUER,
                "--out",
                out.toString(),
                "--parallelism",
                "1"));
        Path logFile = dir.resolve("analyze.log");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("analyze did not finish: " + Files.readString(logFile));
        }
        exit = p.exitValue();
        log = Files.readString(logFile);
    }

    @Test
    @Order(1)
    void aRunOverAHugeRoleNameAndServiceAccountFinishesWithBoundedFileNames() throws Exception {
        assertThat(exit).as(log).isZero();
        assertThat(out.resolve("summary.json")).isRegularFile();
        List<Path> files = files(out);
        assertThat(files)
                .allSatisfy(f -> assertThat(f.getFileName().toString().getBytes(StandardCharsets.UTF_8).length)
                        .as(f.toString())
                        .isLessThanOrEqualTo(255));
        Path roles = out.resolve("policies/roles/111122223333");
        assertThat(files(roles))
                .extracting(f -> f.getFileName().toString())
                .hasSize(3)
                .allSatisfy(name -> assertThat(name)
                        .startsWith("deploy-xxxx")
                        .matches("[A-Za-z0-9._@+=,-]{1,100}\\.(json|tf|cfn\\.json)"));
        Path tf = files(roles).stream()
                .filter(f -> f.toString().endsWith(".tf"))
                .findFirst()
                .orElseThrow();
        assertThat(Files.readString(tf)).as("the name itself stays inside").contains(ROLE);
        List<Path> rbac = files(out.resolve("rbac/prod"));
        assertThat(rbac)
                .singleElement()
                .satisfies(f -> assertThat(Files.readString(f)).contains(SA));
        JsonNode summary =
                new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("input").path("quarantined").asLong()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void leavesNoRpcJarNorAnythingElseInTheTemporaryDirectory() throws Exception {
        assertThat(exit).as(log).isZero();
        try (Stream<Path> left = Files.walk(tmp)) {
            assertThat(left.filter(p -> !p.equals(tmp)).map(Path::toString).toList())
                    .as("left in java.io.tmpdir after the run (the RPC system's flink-rpc-akka*.jar among them)")
                    .isEmpty();
        }
    }

    @Test
    @Order(3) // last: its second run replaces the first run's outputs
    void writesAManifestOfEveryFileItWroteAndASecondRunRemovesExactlyThose() throws Exception {
        assertThat(exit).as(log).isZero();
        JsonNode manifest = new ObjectMapper()
                .readTree(out.resolve(".trailtailor-manifest.json").toFile());
        List<String> listed = new ArrayList<>();
        manifest.path("files").forEach(f -> listed.add(f.asText()));
        List<String> onDisk = files(out).stream()
                .map(f -> out.relativize(f).toString())
                .filter(f -> !f.equals(".trailtailor-manifest.json") && !f.equals("policies/mine.tf"))
                .sorted()
                .toList();
        assertThat(listed).isEqualTo(onDisk);
        assertThat(listed)
                .anyMatch(f -> f.matches("parquet/api_calls/dt=2026-11-01/part-.*\\.parquet"))
                .anyMatch(f -> f.matches("quarantine/part-.*\\.jsonl"))
                .anyMatch(f -> f.startsWith("policies/roles/111122223333/"))
                .anyMatch(f -> f.startsWith("rbac/prod/sa.shop."))
                .contains("summary.json", "workloads.json", "unmapped-events.json")
                .doesNotContain("policies/mine.tf");
        assertThat(Files.readString(out.resolve("policies/mine.tf"))).isEqualTo("# mine");

        Path nothing = Files.createDirectories(dir.resolve("nothing"));
        CommandLineTest.Run second =
                CommandLineTest.run("analyze", "--cloudtrail", nothing.toString(), "--out", out.toString());

        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(files(out).stream().map(f -> out.relativize(f).toString()))
                .containsExactlyInAnyOrder("policies/mine.tf", "summary.json", ".trailtailor-manifest.json");
        assertThat(out.resolve("parquet")).doesNotExist();
        assertThat(out.resolve("policies/roles")).doesNotExist();
    }

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String mint() {
        return """
                {"eventVersion":"1.11","userIdentity":{"type":"WebIdentityUser",\
                "principalId":"arn:aws:iam::111122223333:oidc-provider/%1$s:sts.amazonaws.com:\
                system:serviceaccount:shop:%2$s","userName":"system:serviceaccount:shop:%2$s",\
                "identityProvider":"arn:aws:iam::111122223333:oidc-provider/%1$s"},\
                "eventTime":"2026-11-01T10:00:00Z","eventSource":"sts.amazonaws.com",\
                "eventName":"AssumeRoleWithWebIdentity","awsRegion":"us-east-1","sourceIPAddress":"10.0.12.34",\
                "requestParameters":{"roleArn":"arn:aws:iam::111122223333:role/%3$s","roleSessionName":"s1"},\
                "responseElements":{"credentials":{"accessKeyId":"ASIAIRSAEXAMPLE00001",\
                "expiration":"Nov 1, 2026, 11:00:00 AM"},\
                "subjectFromWebIdentityToken":"system:serviceaccount:shop:%2$s",\
                "assumedRoleUser":{"assumedRoleId":"AROAEXAMPLE:s1",\
                "arn":"arn:aws:sts::111122223333:assumed-role/%3$s/s1"},\
                "provider":"arn:aws:iam::111122223333:oidc-provider/%1$s","audience":"sts.amazonaws.com"},\
                "requestID":"r1","eventID":"11111111-0000-4000-8000-000000000001","readOnly":true,\
                "eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333"}""".formatted(ISSUER, SA, ROLE);
    }

    private static String call() {
        return """
                {"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:s1",\
                "arn":"arn:aws:sts::111122223333:assumed-role/%1$s/s1","accountId":"111122223333",\
                "accessKeyId":"ASIAIRSAEXAMPLE00001","sessionContext":{"sessionIssuer":{"type":"Role",\
                "principalId":"AROAEXAMPLE","arn":"arn:aws:iam::111122223333:role/%1$s",\
                "accountId":"111122223333","userName":"%1$s"},"webIdFederationData":{}}},\
                "eventTime":"2026-11-01T10:01:00Z","eventSource":"sqs.amazonaws.com","eventName":"SendMessage",\
                "awsRegion":"us-east-1","sourceIPAddress":"10.0.12.34",\
                "requestParameters":{"queueUrl":"https://sqs.us-east-1.amazonaws.com/111122223333/orders"},\
                "requestID":"r2","eventID":"11111111-0000-4000-8000-000000000002","readOnly":false,\
                "eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":"111122223333"}""".formatted(ROLE);
    }

    private static String auditEvent() {
        return """
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata",\
                "auditID":"a1","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/shop/configmaps/c",\
                "verb":"get","user":{"username":"system:serviceaccount:shop:%1$s","groups":["system:serviceaccounts"]},\
                "sourceIPs":["10.0.12.34"],"objectRef":{"resource":"configmaps","namespace":"shop","name":"c",\
                "apiVersion":"v1"},"responseStatus":{"code":200},\
                "requestReceivedTimestamp":"2026-11-01T10:02:00.000000Z",\
                "stageTimestamp":"2026-11-01T10:02:00.010000Z",\
                "annotations":{"authorization.k8s.io/decision":"allow"}}""".formatted(SA);
    }
}
