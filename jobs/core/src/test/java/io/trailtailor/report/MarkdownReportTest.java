package io.trailtailor.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.findings.Finding;
import io.trailtailor.findings.Recommendation;
import io.trailtailor.findings.RecommendationKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {

    @Test
    void aFenceIsLongerThanAnyBacktickRunInTheContent() {
        String content = "a ``` b\n````\n";
        String block = MarkdownText.fenced(content, "json");
        assertThat(block).startsWith("`````json\n").endsWith("\n`````\n");
    }

    @Test
    void inlineTextCannotStartMarkupOrBreakATableRow() {
        assertThat(MarkdownText.inline("a|b `c` <img>\n# x")).isEqualTo("a\\|b \\`c\\` \\<img\\> \\# x");
    }

    @Test
    void theReportHasASeverityTableOneSectionPerWorkloadAndThePatchFenced(@TempDir Path dir) throws Exception {
        Finding plain = ReportFixture.finding(0, "Role | uses ``` few actions");
        Recommendation rec = new Recommendation(
                RecommendationKind.REPLACE_POLICY,
                "Replace",
                plain.recommendation().file(),
                "{\"x\":\"```\"}",
                "json");
        Finding withPatch = new Finding(
                plain.id(),
                plain.rule(),
                plain.type(),
                plain.severity(),
                plain.confidence(),
                plain.principalArn(),
                plain.cluster(),
                plain.namespace(),
                plain.serviceAccount(),
                plain.system(),
                plain.title(),
                plain.detail(),
                plain.grant(),
                plain.actions(),
                plain.evidence(),
                rec,
                plain.fingerprint(),
                plain.status(),
                plain.muteReason());
        ReportFixture.write(dir, List.of(withPatch, ReportFixture.finding(8, "other")));
        String md = Files.readString(ReportWriter.write(dir).markdown());
        assertThat(md).contains("| CRITICAL | 1 |\n", "| LOW | 1 |\n", "| HIGH | 0 |\n");
        assertThat(md).contains("### prod/ns0/sa0\n", "### prod/ns2/sa1\n");
        assertThat(md).contains("Role \\| uses \\`\\`\\` few actions");
        assertThat(md).contains("````json\n{\"x\":\"```\"}\n````\n");
    }

    @Test
    void findingsGoneSinceTheBaselineGetTheirOwnSection(@TempDir Path dir) throws Exception {
        ReportFixture.write(dir, ReportFixture.findings(2));
        ReportFixture.json()
                .writeValue(
                        dir.resolve("findings.resolved.json").toFile(),
                        List.of(ReportFixture.finding(9, "gone <now>")));
        ReportWriter.Written w = ReportWriter.write(dir);
        assertThat(Files.readString(w.markdown()))
                .contains("## Resolved since baseline\n\n- INFO gone \\<now\\> (UNUSED\\_ACTIONS-000000000009)\n");
        assertThat(Files.readString(w.html())).contains("\"baseline\":true");
    }
}
