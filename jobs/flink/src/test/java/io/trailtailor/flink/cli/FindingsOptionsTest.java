package io.trailtailor.flink.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailtailor.flink.options.AnalyzeOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class FindingsOptionsTest {

    @TempDir
    Path dir;

    private AnalyzeOptions parse(String... extra) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        InputOptions options = new InputOptions();
        String[] args = new String[extra.length + 4];
        args[0] = "--cloudtrail";
        args[1] = in.toString();
        args[2] = "--out";
        args[3] = dir.resolve("out").toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        new CommandLine(options).parseArgs(args);
        return options.toOptions();
    }

    @Test
    void withoutFindingOptionsTheDefaultsApply() throws Exception {
        AnalyzeOptions.Findings f = parse().findings();
        assertThat(f).isEqualTo(new AnalyzeOptions.Findings(null, null, null, Duration.ofDays(7)));
    }

    @Test
    void readableFilesAndADirectoryBaselineAreTaken() throws Exception {
        Path report = Files.writeString(dir.resolve("report.csv"), "user,arn\n");
        Path mute = Files.writeString(dir.resolve("mute.yaml"), "[]\n");
        Path baseline = Files.createDirectories(dir.resolve("last-run"));

        AnalyzeOptions.Findings f = parse(
                        "--credential-report", report.toString(),
                        "--mute", mute.toString(),
                        "--baseline", baseline.toString(),
                        "--min-window", "36h")
                .findings();

        assertThat(f)
                .isEqualTo(new AnalyzeOptions.Findings(
                        report.toString(), baseline.toString(), mute.toString(), Duration.ofHours(36)));
    }

    @ParameterizedTest
    @CsvSource({"7d,P7D", "36h,PT36H", "90m,PT1H30M", "45s,PT45S", "14D,P14D"})
    void minWindowReadsDaysHoursMinutesAndSeconds(String text, String iso) {
        assertThat(InputOptions.minWindow(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @CsvSource({"0d", "7", "1w", "-3d", "seven days"})
    void aMinWindowThatIsNoDurationIsAUsageError(String text) {
        assertThatThrownBy(() -> InputOptions.minWindow(text))
                .isInstanceOf(UsageError.class)
                .hasMessage("--min-window must be a duration such as 7d, 36h or 90m, not " + text);
    }

    @ParameterizedTest
    @CsvSource({
        "--credential-report,/no/report.csv,--credential-report: not a readable file: /no/report.csv",
        "--mute,/no/mute.yaml,--mute: not a readable file: /no/mute.yaml",
        "--baseline,/no/findings.json,--baseline: not a readable file: /no/findings.json",
    })
    void anUnreadableFindingsInputExitsTwoWithOneLine(String option, String value, String message) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));

        int exit = cli.execute(
                "analyze",
                "--cloudtrail",
                in.toString(),
                "--out",
                dir.resolve("o").toString(),
                option,
                value);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(message);
        assertThat(err.toString().strip().lines()).hasSize(1);
    }
}
