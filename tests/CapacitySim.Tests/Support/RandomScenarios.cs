using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CapacitySim.Tests.Support;

/// <summary>
/// Changes applied to a generated scenario without changing any random choice, for paired comparisons.
/// <paramref name="FirstSiteNamedWithoutRefresh"/> gives site 0 lifetime_years 0 and its first phase
/// the roadmap's first accelerator, so its accelerators are its built IT over one fixed all-in power.
/// </summary>
internal sealed record Tweak(double SupplyFactor = 1, double ExtraDelayOfFirstPhase = 0, bool FirstSiteNamedWithoutRefresh = false);

/// <summary>
/// Seeded generator of random valid scenarios across the format. Every field of MODEL.md section 3
/// is written, as a plain number in some files and as a distribution in others: the header's
/// research share and training block (checkpoint and restart 0 included), catalog overrides
/// (available, slip, every number) and new catalog entries, defaults, researchers (0 included),
/// sites (up to 60) in regions, with or without design_pue (then the pue draw sizes the site),
/// every site number, pue_monthly, lifetimes under a month and ramps that outlast short cycles,
/// supply lists (every source number, with or without price and intensity), none, or an empty one;
/// phases sized by IT or facility MW, delays, ramps, named and latest accelerators; clusters
/// sharing sites; paths to power on phases and sources (months, weeks, lead entries, nested
/// parallel branches, announced dates), chosen by a second generator so that the choices above stay
/// what they were for every seed. Fractions are drawn from distributions that reach past [0, 1], so clamping runs.
/// Site 0's design PUE is a plain number, PUE is plain on even-numbered sites, and site 0's first
/// phase is plain-sized and energizes inside the run's first year, so properties can be checked
/// exactly there. Fields the format gains join this generator with them (see docs/architecture.md).
/// </summary>
internal static class RandomScenarios
{
    private static readonly string[] Roadmap = ["A100", "H100", "H200", "B200", "GB200", "GB300", "VR200"];

    /// <summary>The built-in catalog's available month of each roadmap entry, so an override keeps the roadmap oldest first.</summary>
    private static readonly DateTime[] Available = [new(2020, 6, 1), new(2022, 10, 1), new(2024, 6, 1), new(2025, 1, 1), new(2025, 3, 1), new(2025, 9, 1), new(2026, 9, 1)];

    /// <summary>
    /// CAPSIM_TEST_SEED_OFFSET (an integer, default 0) added to every seed of the random cases, so a
    /// nightly run or a developer tries new scenarios: `CAPSIM_TEST_SEED_OFFSET=1000 dotnet test`.
    /// A failing case's name and message carry its seed; rerun it with the same offset.
    /// </summary>
    public static int SeedOffset { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("CAPSIM_TEST_SEED_OFFSET"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int offset) ? offset : 0;

    /// <summary><paramref name="count"/> seeds, 1 .. count shifted by <see cref="SeedOffset"/>.</summary>
    public static IEnumerable<int> Seeds(int count) => Enumerable.Range(1 + SeedOffset, count);

    /// <summary>What a failure message says so that the case can be run again.</summary>
    public static string Describe(int seed) =>
        $"random scenario seed {seed} (RandomScenarios.Generate({seed}, ...); CAPSIM_TEST_SEED_OFFSET={SeedOffset})";

    public static string Generate(int seed, int samples, Tweak? tweak = null)
    {
        tweak ??= new Tweak();
        var rng = new Random(seed);
        // Paths are drawn from their own generator: adding them changed no other choice of any seed.
        var pathRng = new Random(unchecked(seed * 7919 + 17));
        // Life-cycle fields (MODEL.md section 10) draw from their own stream, so the rest of a seed's file stays as it was.
        var lifeRng = new Random(unchecked(seed * 104729 + 31));
        // Typed sources and the hourly fields (MODEL.md section 8) on a stream of their own, so the other fields draw as before.
        var hourRng = new Random(unchecked(seed * 130363 + 47));
        // Carbon-free shares and fuel prices over time (MODEL.md section 10) on a stream of their own too.
        var shareRng = new Random(unchecked(seed * 15485863 + 61));
        var inv = CultureInfo.InvariantCulture;
        string N(double x) => x.ToString("R", inv);
        int startYear = 2023 + rng.Next(4);
        int startMonth = 1 + rng.Next(12);
        int months = 12 + rng.Next(61);
        var start = new DateTime(startYear, startMonth, 1);
        string Month(int offset) => start.AddMonths(offset).ToString("yyyy-MM", inv);
        string[] leads = ["greenfield-build", "retrofit-build", "power-transformer", "gas-turbine-aero-2025", "reciprocating-engine", "battery-system"];
        string Stages(int depth)
        {
            var list = new List<string>();
            int count = 1 + pathRng.Next(3);
            for (int k = 0; k < count; k++)
                list.Add(pathRng.Next(depth < 2 ? 5 : 4) switch
                {
                    0 => $"{{name: m{k}, months: {(pathRng.Next(2) == 0 ? N(pathRng.Next(8)) : $"{{dist: triangular, min: -1, mode: {N(1 + pathRng.Next(4))}, max: 9}}")}}}",
                    1 => $"{{name: w{k}, weeks: {(pathRng.Next(2) == 0 ? N(pathRng.Next(40)) : "{dist: uniform, min: 4, max: 30}")}}}",
                    2 or 3 => $"{{lead: {leads[pathRng.Next(leads.Length)]}}}",
                    _ => $"{{parallel: [{string.Join(", ", Enumerable.Range(0, 2 + pathRng.Next(2)).Select(_ => Stages(depth + 1)))}]}}",
                });
            return $"[{string.Join(", ", list)}]";
        }
        // A path starting near a month, ending some months later; announced now and then.
        string PathTo(int offset) => $"path: {{start: {Month(Math.Min(offset - pathRng.Next(12), months - 1))}"
            + (pathRng.Next(2) == 0 ? $", announced: {Month(offset + pathRng.Next(6))}" : "") + $", stages: {Stages(0)}}}";
        var roadmap = Roadmap.Skip(rng.Next(3)).Take(2 + rng.Next(4)).ToArray();
        // A fraction: plain (0 and 1 included), or a distribution reaching below 0 and above 1, clamped to [0, 1].
        string Fraction(double typical) => rng.Next(5) switch
        {
            0 => N(typical),
            1 => N(rng.Next(2)),
            2 => $"{{dist: uniform, min: {N(typical - 0.8)}, max: {N(typical + 0.6)}}}",
            3 => $"{{dist: normal, mean: {N(typical)}, sd: 0.5}}",
            _ => $"{{dist: triangular, min: -0.2, mode: {N(typical)}, max: 1.2}}",
        };
        // A non-negative number: plain, or one of the distribution forms around it (some reaching below 0).
        string Number(double typical) => rng.Next(6) switch
        {
            0 or 1 => N(typical),
            2 => $"{{dist: uniform, min: {N(typical * 0.5)}, max: {N(typical * 1.5)}}}",
            3 => $"{{dist: triangular, min: {N(typical * 0.6)}, mode: {N(typical * 0.8)}, max: {N(typical * 1.6)}}}",
            4 => $"{{dist: pert, min: {N(typical * 0.5)}, mode: {N(typical * 1.2)}, max: {N(typical * 1.4)}}}",
            _ => rng.Next(2) == 0 ? $"{{dist: normal, mean: {N(typical)}, sd: {N(typical * 0.6)}}}" : $"{{dist: lognormal, median: {N(typical)}, sigma: 0.3}}",
        };

        // A life-cycle number: plain or a distribution around it (lives reach below a month, shares below 0 and above 1).
        string Life(double typical) => lifeRng.Next(4) switch
        {
            0 => N(typical),
            1 => $"{{dist: uniform, min: {N(typical * 0.02)}, max: {N(typical * 1.5)}}}",
            2 => $"{{dist: triangular, min: {N(-typical * 0.5)}, mode: {N(typical)}, max: {N(typical * 3)}}}",
            _ => $"{{dist: lognormal, median: {N(typical)}, sigma: 0.4}}",
        };
        // A carbon-free share or a fuel price over time: {month, value} points, values between lo and hi, some distributions.
        string Points(double lo, double hi)
        {
            var at = Enumerable.Range(0, 1 + shareRng.Next(3)).Select(_ => shareRng.Next(months + 12) - 6).Distinct().Order().ToList();
            return "[" + string.Join(", ", at.Select(t => $"{{month: {Month(t)}, value: {(shareRng.Next(3) == 0
                ? $"{{dist: uniform, min: {N(lo)}, max: {N(hi)}}}" : N(Math.Round(lo + (hi - lo) * shareRng.NextDouble(), 3)))}}}")) + "]";
        }
        // A price or intensity over time: {month, value} points, some values distributions, some points outside the run.
        string Trajectory(double typical)
        {
            int points = 1 + lifeRng.Next(3);
            var at = Enumerable.Range(0, points).Select(_ => lifeRng.Next(months + 12) - 6).Distinct().Order().ToList();
            return "[" + string.Join(", ", at.Select(t => $"{{month: {Month(t)}, value: {(lifeRng.Next(3) == 0 ? Life(typical) : N(typical * (0.5 + lifeRng.NextDouble())))}}}")) + "]";
        }

        var yaml = new StringBuilder();
        yaml.AppendLine($"name: random-{seed}");
        yaml.AppendLine($"start: {Month(0)}");
        yaml.AppendLine($"end: {Month(months - 1)}");
        yaml.AppendLine($"samples: {samples}");
        yaml.AppendLine($"seed: {seed}");
        yaml.AppendLine($"roadmap: [{string.Join(", ", roadmap)}]");
        if (rng.Next(3) > 0)
            yaml.AppendLine($"research_share: {Fraction(0.5)}");
        yaml.AppendLine(rng.Next(4) switch
        {
            0 => $"training: {{days: {N(20 + rng.Next(100))}}}",
            1 => $"training: {{days: {{dist: uniform, min: 30, max: 120}}, accelerator_mtbf_hours: {{dist: lognormal, median: {N(20000 + rng.Next(100000))}, sigma: 0.5}}, checkpoint_minutes: {{dist: pert, min: 0.1, mode: 0.5, max: 3}}, restart_minutes: {{dist: normal, mean: 5, sd: 4}}}}",
            2 => $"training: {{days: {{dist: triangular, min: 20, mode: 60, max: 90}}, checkpoint_minutes: 0, restart_minutes: 0, accelerator_mtbf_hours: {N(10000 + rng.Next(90000))}}}",
            _ => $"training: {{accelerator_mtbf_hours: {N(new[] { 0, 5000, 50000, 400000 }[rng.Next(4)])}, restart_minutes: {N(rng.Next(20))}, checkpoint_minutes: {{dist: normal, mean: 1, sd: 1}}}}",
        });
        yaml.AppendLine("accelerators:");
        // The newest entry may be announced later than the catalog says (it stays the newest).
        string later = rng.Next(2) == 0 ? $", available: {Available[Array.IndexOf(Roadmap, roadmap[^1])].AddMonths(1 + rng.Next(12)).ToString("yyyy-MM", inv)}" : "";
        yaml.AppendLine($"  - {{name: {roadmap[^1]}{later}, slip_months: {{dist: uniform, min: 0, max: {N(1 + rng.Next(12))}}}}}");
        if (rng.Next(2) == 0)
            yaml.AppendLine($"  - {{name: {roadmap[0]}, peak_flops: {{dist: lognormal, median: 1.0e15, sigma: 0.2}}, allin_w: {{dist: uniform, min: 900, max: 1600}}, unit_cost_usd: {{dist: triangular, min: 20000, mode: 30000, max: 50000}}, tdp_w: {{dist: pert, min: 500, mode: 700, max: 800}}, embodied_kgco2e: {Life(800)}}}");
        if (roadmap.Length > 2 && rng.Next(2) == 0)
            yaml.AppendLine($"  - {{name: {roadmap[1]}, tdp_w: {N(600 + rng.Next(400))}, slip_months: {N(rng.Next(4))}, peak_flops: {N(1.0e15 + 1.0e14 * rng.Next(10))}, allin_w: {N(1200 + rng.Next(400))}}}");
        // A new accelerator, not in the built-in catalog, that a named phase may use.
        bool custom = rng.Next(2) == 0;
        if (custom)
            yaml.AppendLine($"  - {{name: X{seed}, available: {Month(rng.Next(months))}, peak_flops: {{dist: normal, mean: 3.0e15, sd: 3.0e14}}, tdp_w: 1500, allin_w: {{dist: triangular, min: 2000, mode: 2400, max: 3000}}, unit_cost_usd: {Number(60000)}{(lifeRng.Next(2) == 0 ? $", embodied_kgco2e: {N(900)}" : "")}}}");
        if (rng.Next(2) == 0)
        {
            var defaults = new List<string> { "mfu: {dist: pert, min: 0.3, mode: 0.4, max: 0.5}" };
            defaults.Add("lifetime_years: " + (rng.Next(3) == 0 ? "{dist: uniform, min: 0.5, max: 3}" : N(new[] { 0, 1.5, 2, 4 }[rng.Next(4)])));
            if (rng.Next(2) == 0) defaults.Add($"capex_usd_per_it_mw: {Number(11.7e6)}");
            if (rng.Next(2) == 0) defaults.Add($"wue_l_per_kwh: {Number(0.3)}");
            if (rng.Next(2) == 0) defaults.Add($"grid_gco2_per_kwh: {Number(350)}");
            if (rng.Next(2) == 0) defaults.Add($"load_factor: {Fraction(0.8)}");
            if (lifeRng.Next(2) == 0) defaults.Add($"wacc: {Life(0.09)}");
            if (lifeRng.Next(2) == 0) defaults.Add($"facility_life_years: {Life(20)}");
            if (lifeRng.Next(3) == 0)
            {
                defaults.RemoveAll(d => d.StartsWith("grid_gco2_per_kwh:", StringComparison.Ordinal));
                defaults.Add($"grid_gco2_per_kwh: {Trajectory(350)}");
            }
            yaml.AppendLine($"defaults: {{{string.Join(", ", defaults)}}}");
        }
        if (rng.Next(3) > 0)
        {
            yaml.AppendLine("researchers:");
            int points = 1 + rng.Next(3);
            bool zero = rng.Next(3) == 0;
            for (int p = 0; p < points; p++)
                yaml.AppendLine(zero && p == 0
                    ? $"  - {{month: {Month(p * months / points)}, count: 0}}"
                    : $"  - {{month: {Month(p * months / points)}, count: {{dist: uniform, min: {N(100 + 50 * p)}, max: {N(200 + 80 * p)}}}}}");
        }
        // Every fifteenth seed gives a fleet of more than 50 sites, of one small phase each.
        bool fleet = seed % 15 == 0;
        int sites = fleet ? 51 + rng.Next(10) : 1 + rng.Next(4);
        if (hourRng.Next(2) == 0) yaml.AppendLine($"dispatch: {{days_per_month: {1 + hourRng.Next(3)}}}");
        yaml.AppendLine("sites:");
        for (int s = 0; s < sites; s++)
        {
            double designPue = 1.1 + 0.05 * rng.Next(4);
            yaml.AppendLine($"  - name: S{s}");
            if (rng.Next(2) == 0) yaml.AppendLine($"    region: R{rng.Next(2)}");
            yaml.AppendLine(s % 2 == 0 ? $"    pue: {N(designPue)}" : $"    pue: {{dist: triangular, min: 1.05, mode: {N(designPue)}, max: 1.4}}");
            // Without design_pue the site is sized with its pue (on odd sites, the same draw as pue).
            int designKind = s == 0 ? 0 : rng.Next(3);
            if (designKind == 0) yaml.AppendLine($"    design_pue: {N(designPue)}");
            else if (designKind == 1) yaml.AppendLine($"    design_pue: {{dist: uniform, min: {N(designPue - 0.05)}, max: {N(designPue + 0.1)}}}");
            if (rng.Next(2) == 0) yaml.AppendLine(rng.Next(2) == 0
                ? "    pue_monthly: [0.98, 0.98, 0.99, 1, 1.01, 1.03, 1.05, 1.05, 1.02, 1, 0.99, 0.98]"
                : "    pue_monthly: [0.8, 0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.3, 1.2, 1, 0.9, 0.8]");
            yaml.AppendLine($"    load_factor: {(rng.Next(3) == 0 ? Fraction(0.8) : N(0.6 + 0.1 * rng.Next(4)))}");
            if (rng.Next(2) == 0) yaml.AppendLine($"    mfu: {Fraction(0.4)}");
            bool shortCycle = rng.Next(4) == 0;
            string? lifetime = null;
            // Lifetimes under a month meet the shortest refresh cycle (one month); a distribution reaching 0 draws them too.
            if (shortCycle) lifetime = N(new[] { 0.75, 1, 0.05, 0.02 }[rng.Next(4)]);
            else if (rng.Next(2) == 0) lifetime = rng.Next(4) == 0 ? "{dist: uniform, min: 0, max: 0.2}" : N(new[] { 0, 1, 2.5, 5 }[rng.Next(4)]);
            if (s == 0 && tweak.FirstSiteNamedWithoutRefresh) lifetime = "0";
            if (lifetime is not null) yaml.AppendLine($"    lifetime_years: {lifetime}");
            if (rng.Next(2) == 0) yaml.AppendLine($"    capex_usd_per_it_mw: {Number(11.7e6)}");
            if (rng.Next(2) == 0) yaml.AppendLine(rng.Next(2) == 0 ? $"    build_months: {N(rng.Next(25))}" : $"    build_months: {{dist: uniform, min: -3, max: {N(6 + rng.Next(18))}}}");
            if (rng.Next(2) == 0) yaml.AppendLine($"    training_share: {Fraction(0.6)}");
            if (rng.Next(2) == 0) yaml.AppendLine($"    wue_l_per_kwh: {Number(0.3)}");
            string? gridGCo2 = rng.Next(2) == 0 ? $"    grid_gco2_per_kwh: {Number(400)}" : null;
            if (lifeRng.Next(4) == 0) gridGCo2 = $"    grid_gco2_per_kwh: {Trajectory(400)}";
            if (gridGCo2 is not null) yaml.AppendLine(gridGCo2);
            string gridPrice = rng.Next(3) == 0 ? $"    grid_price_usd_per_mwh: {N(50 + rng.Next(40))}" : $"    grid_price_usd_per_mwh: {{dist: normal, mean: {N(50 + rng.Next(40))}, sd: 8}}";
            yaml.AppendLine(lifeRng.Next(4) == 0 ? $"    grid_price_usd_per_mwh: {Trajectory(70)}" : gridPrice);
            foreach (var (field, typical) in new[] { ("embodied_tco2_per_it_mw", 1500.0), ("facility_life_years", 20), ("supply_life_years", 25), ("hardware_book_years", 6), ("wacc", 0.09), ("om_facility_share", 0.03), ("om_hardware_share", 0.03) })
                if (lifeRng.Next(3) == 0) yaml.AppendLine($"    {field}: {(lifeRng.Next(5) == 0 ? N(field.EndsWith("_years", StringComparison.Ordinal) ? 0.1 : 0) : Life(typical))}");
            double builtMw = 0;
            var phases = new StringBuilder();
            int phaseCount = fleet ? 1 : 1 + rng.Next(3);
            for (int p = 0; p < phaseCount; p++)
            {
                double size = fleet ? 5 + rng.Next(60) : 20 + rng.Next(400);
                builtMw += size;
                bool first = s == 0 && p == 0;
                int online = first ? rng.Next(6) : -24 + rng.Next(months + 24);
                double extra = first ? tweak.ExtraDelayOfFirstPhase : 0;
                string delay = rng.Next(2) == 0
                    ? N(rng.Next(4) + extra)
                    : $"{{dist: uniform, min: {N(extra)}, max: {N(6 + extra)}}}";
                // Sizes as distributions too, but site 0's first phase keeps a plain, positive size.
                string amount = first || rng.Next(3) > 0 ? N(size) : $"{{dist: uniform, min: {N(size * 0.5)}, max: {N(size * 1.5)}}}";
                string sizeField = rng.Next(2) == 0 ? $"it_mw: {amount}"
                    : $"facility_mw: {(first || rng.Next(3) > 0 ? N(size * designPue) : $"{{dist: normal, mean: {N(size * designPue)}, sd: {N(size * 0.2)}}}")}";
                string? named = rng.Next(3) == 0 ? (custom && rng.Next(2) == 0 ? $"X{seed}" : roadmap[rng.Next(roadmap.Length)]) : null;
                if (first && tweak.FirstSiteNamedWithoutRefresh) named = roadmap[0];
                string accelerator = named is null ? "" : $", accelerator: {named}";
                string ramp = rng.Next(2) == 0 ? "linear" : "s-curve";
                // Some ramps draw 0 in some samples only; some outlast a short refresh cycle.
                string rampMonths = rng.Next(4) switch
                {
                    0 => "{dist: uniform, min: -4, max: 8}",
                    1 when shortCycle => N(14 + rng.Next(12)),
                    _ => N(rng.Next(18)),
                };
                string when = !first && pathRng.Next(4) == 0 ? PathTo(online) : $"online: {Month(online)}, delay_months: {delay}";
                phases.AppendLine($"      - {{name: P{p}, {when}, {sizeField}, ramp_months: {rampMonths}, ramp: {ramp}{accelerator}}}");
            }
            int supplyKind = rng.Next(6);
            bool typed = supplyKind > 2 && hourRng.Next(3) == 0;
            if (hourRng.Next(3) == 0)
            {
                string share = hourRng.Next(2) == 0 ? N(Math.Round(hourRng.NextDouble(), 2)) : "{dist: uniform, min: 0.2, max: 0.7}";
                yaml.AppendLine($"    grid_cfe_share: {(shareRng.Next(3) == 0 ? Points(0, 1) : share)}");
            }
            if (typed)
            {
                yaml.AppendLine($"    latitude: {N(Math.Round(-60 + 120 * hourRng.NextDouble(), 1))}");
                if (hourRng.Next(3) == 0) yaml.AppendLine($"    weather: {{solar: {{day_cv: {N(Math.Round(0.5 * hourRng.NextDouble(), 2))}, day_correlation: {N(Math.Round(hourRng.NextDouble(), 2))}}}, wind: {{year_cv: {N(Math.Round(0.2 * hourRng.NextDouble(), 2))}}}}}");
            }
            if (supplyKind == 0) yaml.AppendLine("    supply: []");
            else if (supplyKind > 2)
            {
                yaml.AppendLine("    supply:");
                if (typed)
                {
                    // Each typed source with its keys as numbers or distributions, in a random order.
                    double scale = builtMw * designPue * tweak.SupplyFactor;
                    string U(double lo, double hi) => hourRng.Next(2) == 0 ? N(Math.Round(lo + (hi - lo) * hourRng.NextDouble(), 3)) : $"{{dist: uniform, min: {N(lo)}, max: {N(hi)}}}";
                    var typedSources = new List<string>
                    {
                        $"{{name: sun, type: solar, mw: {N(Math.Round(scale * 2 * hourRng.NextDouble(), 1))}, capacity_factor: {U(0.1, 0.3)}{(hourRng.Next(2) == 0 ? $", price_usd_per_mwh: {U(20, 50)}" : "")}}}",
                        $"{{name: breeze, type: wind, mw: {N(Math.Round(scale * hourRng.NextDouble(), 1))}, capacity_factor: {U(0.2, 0.45)}}}",
                        $"{{name: store, type: battery, mw: {N(Math.Round(scale * 0.5 * hourRng.NextDouble(), 1))}, hours: {U(1, 8)}{(hourRng.Next(2) == 0 ? $", round_trip_efficiency: {U(0.7, 0.95)}" : "")}}}",
                        $"{{name: turbines, type: gas, mw: {N(Math.Round(scale * hourRng.NextDouble(), 1))}, units: {1 + hourRng.Next(5)}, forced_outage_rate: {U(0, 0.2)}, heat_rate_mmbtu_per_mwh: {U(6.5, 9)}{(hourRng.Next(2) == 0 ? $", fuel_usd_per_mmbtu: {U(2, 6)}" : "")}{(hourRng.Next(3) == 0 ? $", from: {Month(hourRng.Next(months))}" : "")}}}",
                        $"{{name: import, type: grid, mw: {N(Math.Round(scale * 0.3 * hourRng.NextDouble(), 1))}{(hourRng.Next(2) == 0 ? $", cfe_share: {U(0, 1)}" : "")}}}",
                    };
                    // Some gas fuel prices and grid shares as points instead (their own stream: the choices above are unchanged).
                    if (shareRng.Next(3) == 0)
                        typedSources[3] = Regex.Replace(typedSources[3], @", fuel_usd_per_mmbtu: (\{[^}]*\}|[^,}]*)", "")[..^1] + $", fuel_usd_per_mmbtu: {Points(2, 6)}}}";
                    if (shareRng.Next(3) == 0)
                        typedSources[4] = Regex.Replace(typedSources[4], @", cfe_share: (\{[^}]*\}|[^,}]*)", "")[..^1] + $", cfe_share: {Points(0, 1)}}}";
                    foreach (var source in typedSources.OrderBy(_ => hourRng.Next()).Take(1 + hourRng.Next(typedSources.Count)))
                        yaml.AppendLine($"      - {source}");
                }
                int sources = 1 + rng.Next(3);
                for (int k = 0; k < sources; k++)
                {
                    double mw = Math.Round(builtMw * designPue * (0.2 + 0.5 * rng.NextDouble()), 1) * tweak.SupplyFactor;
                    // The mw as a distribution scales with the tweak too, so that more supply is more in every sample.
                    string mwText = rng.Next(4) == 0 ? $"{{dist: uniform, min: {N(mw * 0.6)}, max: {N(mw * 1.4)}}}" : N(mw);
                    string window = rng.Next(2) == 0 ? $", from: {Month(rng.Next(months + 6) - 3)}" : "";
                    if (window.Length > 0 && pathRng.Next(3) == 0) window = $", {PathTo(rng.Next(months + 6) - 3)}";
                    if (rng.Next(4) == 0) window += $", until: {Month(months + rng.Next(24))}";
                    string terms = "";
                    // A trajectory in place of the price or the intensity (a key stands once); the plain number is still drawn, to keep the stream.
                    string? trajectoryKey = lifeRng.Next(5) == 0 ? (lifeRng.Next(2) == 0 ? "price_usd_per_mwh" : "gco2_per_kwh") : null;
                    if (rng.Next(3) > 0 && $", price_usd_per_mwh: {Number(30 + rng.Next(60))}" is var price && trajectoryKey != "price_usd_per_mwh") terms += price;
                    if (rng.Next(3) > 0 && $", gco2_per_kwh: {Number(rng.Next(500))}" is var gco2 && trajectoryKey != "gco2_per_kwh") terms += gco2;
                    if (rng.Next(2) == 0) terms += $", firm_fraction: {Fraction(0.7)}";
                    if (rng.Next(2) == 0) terms += $", capacity_factor: {Fraction(0.5)}";
                    if (rng.Next(2) == 0) terms += $", capex_usd_per_mw: {(rng.Next(2) == 0 ? "1.2e6" : "{dist: uniform, min: 0.8e6, max: 2.0e6}")}";
                    if (rng.Next(3) == 0) terms += $", build_months: {(rng.Next(2) == 0 ? N(rng.Next(30)) : "{dist: triangular, min: 0, mode: 6, max: 20}")}";
                    if (lifeRng.Next(2) == 0) terms += $", embodied_tco2_per_mw: {Life(300)}";
                    if (trajectoryKey is not null) terms += $", {trajectoryKey}: {Trajectory(60)}";
                    yaml.AppendLine($"      - {{name: src{k}, mw: {mwText}{window}{terms}}}");
                }
            }
            yaml.AppendLine("    phases:");
            yaml.Append(phases);
        }
        if (sites > 1 && rng.Next(3) > 0)
        {
            yaml.AppendLine("clusters:");
            yaml.AppendLine("  - {name: C, sites: [S0, S1]}");
            if (sites > 2 && rng.Next(2) == 0) yaml.AppendLine($"  - {{name: D, sites: [S1, S{sites - 1}]}}");
        }
        return yaml.ToString();
    }
}
