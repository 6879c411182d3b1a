package io.trailtailor.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.findings.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportEscapingTest {

    @Test
    void scriptJsonNeverContainsAClosingTagOrACommentOpener() throws Exception {
        String hostile = "</script><script>alert(1)</script><!-- & \u2028";
        String json = new ObjectMapper().writeValueAsString(List.of(hostile));
        String safe = ReportEscaping.scriptJson(json);
        assertThat(safe)
                .doesNotContain("</")
                .doesNotContain("<!--")
                .doesNotContain("<")
                .doesNotContain("\u2028");
        assertThat(new ObjectMapper().readValue(safe, List.class)).containsExactly(hostile);
    }

    @Test
    void htmlEscapesEveryMarkupCharacter() {
        assertThat(ReportEscaping.html("<a href=\"x\" title='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    }

    @Test
    void aFindingTitleWithScriptTagsReachesThePageOnlyAsEscapedData(@TempDir Path dir) throws Exception {
        Finding f = ReportFixture.finding(1, "</script><img src=x onerror=alert(1)>");
        ReportFixture.write(dir, List.of(f));
        String html = Files.readString(ReportWriter.write(dir).html());
        assertThat(html).doesNotContain("<img src=x").doesNotContain("</script><img");
        assertThat(html).contains("\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e");
        // exactly the template's two closing script tags
        assertThat(html.split("</script>", -1)).hasSize(3);
    }

    @Test
    void thePageHasNoExternalUrl(@TempDir Path dir) throws Exception {
        ReportFixture.write(dir, ReportFixture.findings(3));
        String html = Files.readString(ReportWriter.write(dir).html());
        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?(https?:)?//");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://", "https://");
    }

    @Test
    void thePolicyFileIsEmbeddedOnceHoweverManyFindingsPointAtIt(@TempDir Path dir) throws Exception {
        List<Finding> many = ReportFixture.findings(50);
        ReportFixture.write(dir, many);
        Files.writeString(dir.resolve(many.get(0).recommendation().file()), "{\"UniqueMarker\":\"only-once\"}\n");
        String html = Files.readString(ReportWriter.write(dir).html());
        assertThat(html.split("only-once", -1)).hasSize(2);
    }

    @Test
    void theSameInputGivesByteIdenticalReports(@TempDir Path dir) throws Exception {
        ReportFixture.write(dir, ReportFixture.findings(20));
        ReportWriter.Written first = ReportWriter.write(dir);
        String html = Files.readString(first.html());
        String md = Files.readString(first.markdown());
        ReportWriter.Written second = ReportWriter.write(dir);
        assertThat(Files.readString(second.html())).isEqualTo(html);
        assertThat(Files.readString(second.markdown())).isEqualTo(md);
    }
}
