using System.Diagnostics;
using System.Text.RegularExpressions;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Statistics;
using CapacitySim.IO.Output;
using CapacitySim.IO.Reports;

namespace CapacitySim.Tests.IO.Reports;

/// <summary>report.md and report.html of a run: their content, and the HTML as a real browser renders it.</summary>
public class RunReportTests
{
    private string _folder = "";

    [OneTimeSetUp]
    public void WriteReport()
    {
        string path = Path.Combine(TestScenarios.RepoRoot, "scenarios", "examples", "single-site-linear.yaml");
        var result = TestScenarios.Run(File.ReadAllText(path));
        var statistics = RunStatistics.Of(result, result.Scenario.Percentiles);
        _folder = Directory.CreateTempSubdirectory("capsim-report-").FullName;
        RunOutputs.Write(_folder, result, statistics, RunMetadata.Create(path, result.Scenario.Name, RunPlan.For(result.Scenario, new RunSettings(1, 0)), "reference", DateTime.UtcNow, 0.5));
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(_folder, recursive: true);

    private string Markdown => File.ReadAllText(Path.Combine(_folder, "report.md"));

    [Test]
    public void MarkdownHasEverySection()
    {
        Assert.That(Markdown, Does.StartWith("# single-site-linear: capacity report\n"));
        foreach (string heading in new[] { "## Description", "## Key figures at the end of each year", "## Charts", "## Assumptions", "## Run" })
            Assert.That(Markdown, Does.Contain("\n" + heading + "\n"));
        Assert.That(Markdown, Does.Contain("Teaching example with made-up round numbers"));
    }

    [Test]
    public void KeyFiguresAreTheHandComputedOnes()
    {
        // End of 2025 (scenarios/examples/single-site-linear.yaml): 100 MW built and powered; facility
        // energy 410,496 MWh x 1.2 = 492,595.2 MWh = 493 GWh; capex $0.5B facility in the run + $2B hardware = $2.50B;
        // 100,000 accelerators x 1e15 / 989e12 = 101,112 H100e = 101k; energy cost 492,595.2 MWh x $50 = $24.6M;
        // emissions 492,595.2 MWh x 400 gCO2/kWh / 1,000 = 197,038 tCO2 = 197 ktCO2; embodied 1,500 t x 50 MW of
        // facility spend + 100,000 accelerators x 1 t = 175 ktCO2, so 372 ktCO2 to date. TCO: depreciation
        // $10M x 700 MW-months / 240 + $20M x 700 / 72 = $223.6M, capital charge $114.5M (the book value month by
        // month, GoldenCsvTests), O&M (0.03 x $10M + 0.03 x $20M) x 700 / 12 = $52.5M, energy $24.6M: $415M; over
        // the year's H100e-hours, 1,011.12 H100e per built MW x 513,120 built-MW-hours (IT MWh / 0.8) = 518.8M: $0.80 per H100e-hour.
        var row = Markdown.Split('\n').Single(l => l.StartsWith("| 2025 ", StringComparison.Ordinal));
        Assert.That(Regex.Split(row.Trim('|', ' '), @"\s*\|\s*"),
            Is.EqualTo(new[] { "2025", "100 MW", "101k H100e", "493 GWh", "$24.6M", "197 ktCO2", "175 ktCO2", "372 ktCO2", "$2.50B", "$415M", "$0.80/H100e-h" }));
    }

    [Test]
    public void KeyFiguresUseTheFilesPercentiles()
    {
        // scenarios/examples/uncertainty.yaml asks for [5, 50, 95]: the caption and every cell say P50 [P5, P95].
        string path = Path.Combine(TestScenarios.RepoRoot, "scenarios", "examples", "uncertainty.yaml");
        var result = TestScenarios.Run(File.ReadAllText(path), samples: 20);
        var statistics = RunStatistics.Of(result, result.Scenario.Percentiles);
        var metadata = RunMetadata.Create(path, result.Scenario.Name, RunPlan.For(result.Scenario, new RunSettings(20, null)), "reference", DateTime.UtcNow, 0.5);
        string markdown = RunReport.Build(_folder, result, statistics, metadata).ToMarkdown();
        Assert.That(markdown, Does.Contain("Total over all sites, P50 [P5, P95] over 20 samples;"));
        Assert.That(markdown, Does.Not.Contain("P10"));
        // The cell is powered IT at the end of 2026: P50 [P5, P95] of the 20 samples, computed here from
        // the run's values (type 7: linear between order statistics, h = 19 p), not by the report's code.
        var sorted = result.Values(result.TotalScope, Metric.ItPoweredMw, result.PeriodLabels.ToList().IndexOf("2026-12")).ToArray();
        Array.Sort(sorted);
        double Type7(double p)
        {
            double h = (sorted.Length - 1) * p;
            int lo = (int)Math.Floor(h);
            return lo + 1 < sorted.Length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
        }
        var row = markdown.Split('\n').Single(l => l.StartsWith("| 2026 ", StringComparison.Ordinal));
        string cell = Regex.Split(row.Trim('|', ' '), @"\s*\|\s*")[1];
        var match = Regex.Match(cell, @"^([\d,.]+) MW \[([\d,.]+), ([\d,.]+)\]$");
        Assert.That(match.Success, cell);
        double Shown(int group) => double.Parse(match.Groups[group].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        // Shown to three significant figures.
        foreach (var (group, p) in new[] { (1, 0.5), (2, 0.05), (3, 0.95) })
            Assert.That(Shown(group), Is.EqualTo(Type7(p)).Within(0.005 * Type7(p) + 0.5), $"P{p * 100} in '{cell}'");
        Assert.That(Shown(2), Is.LessThan(Shown(1)), "a band around the middle");
    }

    [Test]
    public void AssumptionsListEveryNumberWithItsComment()
    {
        var lines = Markdown.Split('\n');
        string[] Cells(string start) => [.. lines.Single(l => l.StartsWith("| " + start + " ", StringComparison.Ordinal)).Trim('|').Split('|').Select(c => c.Trim())];
        // parameter | nominal | distribution | line | source / comment
        Assert.That(Cells("site Example Site: pue"), Is.EqualTo(new[] { "site Example Site: pue", "1.2", "fixed", "68", "assumption: round number" }));
        Assert.That(Cells("accelerator Example-1kW: peak_flops"), Is.EqualTo(new[] { "accelerator Example-1kW: peak_flops", "1e15", "fixed", "60", "assumption: round number" }));
        // capex 10.0e6 is written readably.
        Assert.That(Cells("site Example Site: capex_usd_per_it_mw")[1], Is.EqualTo("10,000,000"));
    }

    [Test]
    public void AssumptionsListTheDefaultsAndCatalogFiguresTheRunUsed()
    {
        var lines = Markdown.Split('\n');
        string[] Cells(string start) => [.. lines.Single(l => l.StartsWith("| " + start + " ", StringComparison.Ordinal)).Trim('|').Split('|').Select(c => c.Trim())];
        // single-site-linear.yaml leaves out the training block, training_share, the supply's firm share, capacity
        // factor and capex, and the phase's delay: each with the model's default and who took it.
        Assert.That(Cells("training.accelerator_mtbf_hours"), Is.EqualTo(new[] { "training.accelerator_mtbf_hours", "50,000", "fixed", "the run" }));
        Assert.That(Cells("training_share"), Is.EqualTo(new[] { "training_share", "1", "fixed", "Example Site" }));
        Assert.That(Cells("supply.firm_fraction"), Is.EqualTo(new[] { "supply.firm_fraction", "1", "fixed", "Example Site / Utility contract" }));
        Assert.That(Cells("phase.delay_months"), Is.EqualTo(new[] { "phase.delay_months", "0", "fixed", "Example Site / Phase-1" }));
        // It writes pue, mfu and the rest itself: they are not listed as defaults.
        Assert.That(lines.Any(l => l.StartsWith("| mfu ", StringComparison.Ordinal)), Is.False);
        // The file's accelerator is marked as the file's; H100 (for H100e) comes from the built-in catalog with its source.
        Assert.That(Cells("Example-1kW")[..7], Is.EqualTo(new[] { "Example-1kW", "2024-01", "0", "1e15 *file*", "700 *file*", "1,000 *file*", "20,000 *file*" }));
        var h100 = Cells("H100");
        Assert.That(h100[..7], Is.EqualTo(new[] { "H100", "2022-10", "0", "9.89e14", "700", "1,389", "50,000" }));
        Assert.That(h100[7], Does.Contain("NVIDIA datasheet"));
    }

    [Test]
    public void ChartsAreLinkedAndPresent()
    {
        var links = Regex.Matches(Markdown, @"!\[[^\]]+\]\(([^)]+)\)").Select(m => m.Groups[1].Value).ToList();
        // No researchers in this scenario: power, compute, energy, capex and the frontier run.
        Assert.That(links, Is.EqualTo(new[] { "power.png", "compute.png", "energy.png", "capex.png", "emissions.png", "cost.png", "frontier.png" }));
        foreach (string link in links) Assert.That(File.Exists(Path.Combine(_folder, link)), link);
    }

    [Test]
    public void HtmlIsSelfContained()
    {
        string html = File.ReadAllText(Path.Combine(_folder, "report.html"));
        Assert.That(Regex.Matches(html, "<img [^>]*src=\"data:image/png;base64,").Count, Is.EqualTo(7));
        Assert.That(html, Does.Not.Contain("src=\"http").And.Not.Contain("href=\"http").And.Not.Contain("<script"));
    }

    [Test]
    public void MarkdownTablesLineUpInPlainText()
    {
        var table = Markdown.Split('\n').SkipWhile(l => !l.StartsWith("| year", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.That(table, Has.Count.GreaterThan(2));
        Assert.That(table.Select(l => l.Length).Distinct().Count(), Is.EqualTo(1), string.Join("\n", table));
    }

    /// <summary>
    /// Loads report.html in headless Chromium through a page that inspects it once loaded, and reads
    /// what that page found: every chart decoded at its full 1600x900 size, and the tables with rows.
    /// </summary>
    [TestCase(null, null, false)]
    [TestCase("true", null, true)]
    [TestCase("1", null, true)]
    [TestCase("false", null, false)]
    [TestCase("", null, false)]
    [TestCase(null, "1", true)]
    public void TheBrowserIsRequiredInCi(string? ci, string? require, bool required) =>
        Assert.That(Browser.Required(name => name == "CI" ? ci : name == "CAPSIM_REQUIRE_BROWSER" ? require : null), Is.EqualTo(required));

    [Test]
    public void BrowserShowsTheChartsAndTables()
    {
        string? browser = Browser.Find();
        if (browser is null)
        {
            string message = "no Chromium found ($CAPSIM_CHROMIUM unset, no chromium, chromium-browser or google-chrome on PATH); " +
                "install one (Debian: apt-get install chromium; .ci/run does) to run this test";
            if (Browser.Required(Environment.GetEnvironmentVariable)) Assert.Fail(message);
            // dotnet test prints a skipped test's name but not its reason; the error stream reaches its console output.
            TestContext.Error.WriteLine($"{nameof(BrowserShowsTheChartsAndTables)} skipped: {message}");
            Assert.Ignore(message);
        }
        string found = Browser.Inspect(browser!, _folder, "report.html");
        // The browser shows every table and row the page's source holds (counted here in the HTML text,
        // so a table added to the report needs no edit here), and decodes each of the 5 charts.
        string html = File.ReadAllText(Path.Combine(_folder, "report.html"));
        int tables = Regex.Matches(html, "<table[ >]").Count;
        int rows = Regex.Matches(html, "<tbody>(.*?)</tbody>", RegexOptions.Singleline).Sum(m => Regex.Matches(m.Groups[1].Value, "<tr[ >]").Count);
        Assert.That(rows, Is.GreaterThan(10));
        Assert.That(tables, Is.GreaterThanOrEqualTo(3), "key figures, assumptions and run tables at least");
        Assert.That(found, Is.EqualTo($"images=7 loaded=7 tables={tables} rows={rows} title=single-site-linear: capacity report"), found);
    }
}

/// <summary>Headless Chromium for tests.</summary>
internal static class Browser
{
    /// <summary>True in CI (CI set to anything but empty, "0" or "false") or with CAPSIM_REQUIRE_BROWSER=1: a missing browser fails the test there rather than skipping it.</summary>
    public static bool Required(Func<string, string?> environment) => RequiredInCi.For("BROWSER", environment);

    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("CAPSIM_CHROMIUM") is { Length: > 0 } configured && File.Exists(configured)) return configured;
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            foreach (string name in new[] { "chromium", "chromium-browser", "google-chrome" })
                if (File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        return null;
    }

    /// <summary>
    /// Opens <paramref name="page"/> of <paramref name="folder"/> in an iframe of a probe page and
    /// returns the probe's one-line summary of it: images, those decoded at 1600x900 or more, tables,
    /// table body rows and the title.
    /// </summary>
    public static string Inspect(string browser, string folder, string page)
    {
        string probe = Path.Combine(folder, "probe.html");
        File.WriteAllText(probe, $$"""
            <!DOCTYPE html><html><body><pre id="result">not loaded</pre>
            <iframe id="frame" src="{{page}}" style="width:1300px;height:900px"></iframe>
            <script>
            document.getElementById('frame').addEventListener('load', function () {
              var d = this.contentDocument;
              if (!d) { document.getElementById('result').textContent = 'report not readable'; return; }
              var images = Array.from(d.images);
              var loaded = images.filter(function (i) { return i.complete && i.naturalWidth >= 1600 && i.naturalHeight >= 900; }).length;
              document.getElementById('result').textContent = 'images=' + images.length + ' loaded=' + loaded +
                ' tables=' + d.querySelectorAll('table').length + ' rows=' + d.querySelectorAll('table tbody tr').length + ' title=' + d.title;
            });
            </script></body></html>
            """);
        string profile = Directory.CreateTempSubdirectory("capsim-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(browser)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--allow-file-access-from-files", "--virtual-time-budget=15000", $"--user-data-dir={profile}",
                "--dump-dom", new Uri(probe).AbsoluteUri,
            })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string dom = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                return "browser timed out";
            }
            var match = Regex.Match(dom, "<pre id=\"result\">([^<]*)</pre>");
            return match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value) : $"no result; exit {process.ExitCode}; stderr: {stderr.Result}";
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
