package io.trailtailor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert line, its id, the access-key mask and the baseline read from an analyze output directory. */
class AlertJsonTest {

    @Test
    void oneLineWithTheContractsFieldsInOrder() {
        Alert a = new Alert(
                "abc",
                Instant.parse("2026-11-02T10:15:00Z"),
                Instant.parse("2026-12-02T00:00:00Z"),
                "TT-ALERT-002",
                "ACCESS_DENIED",
                "LOW",
                "arn:aws:iam::111122223333:role/app",
                "IRSA",
                "prod",
                "shop",
                "reader",
                null,
                "s3:GetObject",
                "arn:aws:s3:::b/k",
                "e1",
                "key ASIAEXAMPLEKEY12WXYZ in an error");
        assertThat(a.toJson())
                .isEqualTo("{\"id\":\"abc\",\"time\":\"2026-11-02T10:15:00Z\",\"detectedAt\":\"2026-12-02T00:00:00Z\","
                        + "\"rule\":\"TT-ALERT-002\",\"type\":\"ACCESS_DENIED\",\"severity\":\"LOW\","
                        + "\"principalArn\":\"arn:aws:iam::111122223333:role/app\",\"mechanism\":\"IRSA\","
                        + "\"cluster\":\"prod\",\"namespace\":\"shop\",\"serviceAccount\":\"reader\",\"podUid\":null,"
                        + "\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\",\"eventId\":\"e1\","
                        + "\"detail\":\"key ASIA…WXYZ in an error\"}");
    }

    @Test
    void idsAreSha256OverRuleAndLengthPrefixedParts() {
        assertThat(AlertId.of("TT-ALERT-002", "role:111122223333/app-reader", "s3:GetObject", "2026-11-02T10:00:00Z"))
                .isEqualTo("4311852c62a81bae87a8e286c329ce94db4be892b4dc398d08be2aaf3dbdd7aa");
        assertThat(AlertId.of("R", "a|b", "c")).isNotEqualTo(AlertId.of("R", "a", "b|c"));
    }

    @Test
    void masksEveryAccessKeyIdButLeavesOtherText() {
        assertThat(Secrets.mask("AKIAIOSFODNN7EXAMPLE and ASIAY34FZKBOKMUTVV7A"))
                .isEqualTo("AKIA…MPLE and ASIA…VV7A");
        assertThat(Secrets.mask("arn:aws:iam::111122223333:role/AKIA"))
                .isEqualTo("arn:aws:iam::111122223333:role/AKIA");
        assertThat(Secrets.mask(null)).isNull();
    }

    @Test
    void readsTheBaselineOfAnAnalyzeOutput(@TempDir Path out) throws Exception {
        Files.writeString(
                out.resolve("workloads.json"),
                "[{\"cluster\":\"prod\",\"namespace\":\"shop\",\"serviceAccount\":\"reader\","
                        + "\"roleArns\":[\"arn:aws:iam::111122223333:role/team/app-reader\"],"
                        + "\"actions\":[\"s3:GetObject\"]}]");
        Path roles = Files.createDirectories(out.resolve("policies/roles/111122223333"));
        String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[%s],"
                + "\"Resource\":\"*\"}]}";
        Files.writeString(roles.resolve("app-reader.json"), doc.formatted("\"s3:GetObject\""));
        Files.writeString(roles.resolve("app-reader.part2.json"), doc.formatted("\"kms:Decrypt\""));
        Files.writeString(roles.resolve("app-reader.cfn.json"), "{\"not\":\"a policy\"}");
        Path users = Files.createDirectories(out.resolve("policies/users/111122223333"));
        Files.writeString(users.resolve("ci.json"), doc.formatted("\"iam:List*\""));
        Path rbac = Files.createDirectories(out.resolve("rbac/prod"));
        Files.writeString(
                rbac.resolve("app-reader.yaml"),
                "metadata:\n  annotations:\n    trailtailor.io/principal: "
                        + "\"arn:aws:iam::111122223333:role/team/app-reader\"\n");

        AlertBaseline b = AlertBaseline.read(out);

        assertThat(b.workloadUsed("prod/shop/reader", "s3:GetObject")).isTrue();
        assertThat(b.workloadUsed("prod/shop/reader", "s3:PutObject")).isFalse();
        assertThat(b.principalAllowed("arn:aws:sts::111122223333:assumed-role/app-reader/botocore-1", "kms:Decrypt"))
                .isTrue();
        assertThat(b.principalAllowed("arn:aws:iam::111122223333:role/app-reader", "s3:PutObject"))
                .isFalse();
        assertThat(b.principalAllowed("arn:aws:iam::111122223333:user/ci", "iam:ListRoles"))
                .isTrue();
        assertThat(b.workloadsOf("arn:aws:iam::111122223333:role/app-reader")).containsExactly("prod/shop/reader");
        assertThat(b.calledCluster("prod", "arn:aws:iam::111122223333:role/app-reader"))
                .isTrue();
        assertThat(b.calledCluster("dev", "arn:aws:iam::111122223333:role/app-reader"))
                .isFalse();
    }
}
