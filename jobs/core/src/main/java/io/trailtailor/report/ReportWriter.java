package io.trailtailor.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code report.html} and {@code report.md} into an output directory from the files already there: {@code
 * findings.json} (and {@code findings.resolved.json} when a baseline was given), {@code workloads.json} and the
 * policy and RBAC files the findings point at. Nothing else is read, so a report can be rebuilt from a copied output.
 */
public final class ReportWriter {

    private static final String TEMPLATE = "/report/report.html";
    private static final String DATA_MARK = "@@REPORT_DATA@@";

    private ReportWriter() {}

    /** The two files written. */
    public record Written(Path html, Path markdown) {}

    public static Written write(Path outputDirectory) {
        ReportModel model = ReportModel.read(outputDirectory, new ObjectMapper());
        Path html = outputDirectory.resolve("report.html");
        Path md = outputDirectory.resolve("report.md");
        try {
            Files.writeString(html, html(model), StandardCharsets.UTF_8);
            Files.writeString(md, MarkdownReport.render(model), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Written(html, md);
    }

    /** The page: the template with the model embedded as script-safe JSON at its one data mark. */
    static String html(ReportModel model) {
        String template = template();
        int at = template.indexOf(DATA_MARK);
        if (at < 0) {
            throw new IllegalStateException(TEMPLATE + " has no " + DATA_MARK);
        }
        String data;
        try {
            data = ReportEscaping.scriptJson(new ObjectMapper().writeValueAsString(model.embedded()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return template.substring(0, at) + data + template.substring(at + DATA_MARK.length());
    }

    private static String template() {
        try (InputStream in = ReportWriter.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + TEMPLATE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
