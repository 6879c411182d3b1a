package io.trailtailor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.trailtailor.findings.Finding;
import io.trailtailor.findings.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Opens the generated report in headless Chromium (Debian's chromium + chromium-driver, installed by .ci/run). */
class ReportBrowserTest {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path DRIVER = Paths.get("/usr/bin/chromedriver");

    private static WebDriver browser(Path profile, Path downloads) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            fail("the browser test needs /usr/bin/chromium and /usr/bin/chromedriver; .ci/run installs them "
                    + "(apt-get install -y chromium chromium-driver)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1400,1000",
                "--user-data-dir=" + profile);
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .build();
        return new ChromeDriver(service, options);
    }

    @Test
    void theReportShowsEveryFindingFiltersBySeverityAndExportsTheFilteredRows(@TempDir Path dir) throws Exception {
        List<Finding> findings = new java.util.ArrayList<>(ReportFixture.findings(23));
        // a HIGH finding whose title is a spreadsheet formula with a comma and quotes in it
        findings.set(1, ReportFixture.finding(1, "=HYPERLINK(\"x\"), y"));
        ReportFixture.write(dir, findings);
        Path html = ReportWriter.write(dir).html();
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        WebDriver driver = browser(dir.resolve("profile"), downloads);
        try {
            driver.get(html.toUri().toString());
            assertThat(driver.findElement(By.id("total-count")).getText()).isEqualTo("23");
            assertThat(driver.findElements(By.cssSelector("#rows .row"))).hasSize(23);

            long high =
                    findings.stream().filter(f -> f.severity() == Severity.HIGH).count();
            new Select(driver.findElement(By.id("f-severity"))).selectByValue("HIGH");
            assertThat(driver.findElement(By.id("shown-count")).getText()).isEqualTo(String.valueOf(high));
            assertThat(driver.findElements(By.cssSelector("#rows .row"))).hasSize((int) high);

            driver.findElement(By.cssSelector("#rows .row")).click();
            assertThat(driver.findElement(By.cssSelector("#rows .detail")).getText())
                    .contains("s3:GetObject", "POLICY_STATEMENT");

            driver.findElement(By.id("csv")).click();
            Path csv = downloads.resolve("findings.csv");
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> Files.exists(csv));
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            assertThat(lines).hasSize((int) high + 1);
            assertThat(lines.get(0)).startsWith("id,severity,");
            assertThat(lines.subList(1, lines.size())).allMatch(l -> l.contains(",HIGH,"));
            assertThat(String.join("\n", lines)).contains(",\"'=HYPERLINK(\"\"x\"\"), y\",");

            driver.findElement(By.cssSelector("nav button[data-view=role]")).click();
            long roles = findings.stream()
                    .filter(f -> f.severity() == Severity.HIGH)
                    .map(Finding::principalArn)
                    .distinct()
                    .count();
            assertThat(driver.findElements(By.cssSelector("#groups tr.grp"))).hasSize((int) roles);
            Path shots = Files.createDirectories(Paths.get("target", "report-screenshots"));
            Files.write(shots.resolve("report.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.quit();
        }
    }

    @Test
    void aReportOfAHundredThousandFindingsLoadsAndFilters(@TempDir Path dir) throws Exception {
        List<Finding> findings = ReportFixture.findings(100_000);
        ReportFixture.write(dir, findings);
        Path html = ReportWriter.write(dir).html();
        System.out.printf("report.html at 100k findings: %,d bytes%n", Files.size(html));
        WebDriver driver = browser(dir.resolve("profile"), dir);
        try {
            driver.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(3));
            driver.get(html.toUri().toString());
            assertThat(driver.findElement(By.id("total-count")).getText()).isEqualTo("100000");
            // rows are rendered a page at a time, never all at once
            assertThat(driver.findElements(By.cssSelector("#rows .row"))).hasSize(200);
            new Select(driver.findElement(By.id("f-severity"))).selectByValue("CRITICAL");
            assertThat(driver.findElement(By.id("shown-count")).getText()).isEqualTo("20000");
            driver.findElement(By.id("f-text")).sendKeys("000000099999");
            new WebDriverWait(driver, Duration.ofSeconds(60))
                    .until(d -> d.findElement(By.id("shown-count")).getText().equals("0"));
            Path shots = Files.createDirectories(Paths.get("target", "report-screenshots"));
            Files.write(shots.resolve("report-100k.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.quit();
        }
    }
}
