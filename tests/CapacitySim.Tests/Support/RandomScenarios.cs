using System.Globalization;
using System.Text;

namespace CapacitySim.Tests.Support;

/// <summary>Changes applied to a generated scenario without changing any random choice, for paired comparisons.</summary>
internal sealed record Tweak(double SupplyFactor = 1, double ExtraDelayOfFirstPhase = 0);

/// <summary>
/// Seeded generator of random valid scenarios across the format: several sites, supply lists or
/// none, phases sized by IT or facility MW, delays, ramps, refreshes, named and latest
/// accelerators, distributions, pue_monthly, researchers and clusters. Design PUE is always a
/// plain number and PUE is plain on even-numbered sites, so properties can be checked exactly.
/// </summary>
internal static class RandomScenarios
{
    private static readonly string[] Roadmap = ["A100", "H100", "H200", "B200", "GB200", "GB300", "VR200"];

    public static string Generate(int seed, int samples, Tweak? tweak = null)
    {
        tweak ??= new Tweak();
        var rng = new Random(seed);
        var inv = CultureInfo.InvariantCulture;
        string N(double x) => x.ToString("R", inv);
        int startYear = 2023 + rng.Next(4);
        int startMonth = 1 + rng.Next(12);
        int months = 12 + rng.Next(61);
        var start = new DateTime(startYear, startMonth, 1);
        string Month(int offset) => start.AddMonths(offset).ToString("yyyy-MM", inv);
        var roadmap = Roadmap.Skip(rng.Next(3)).Take(2 + rng.Next(4)).ToArray();

        var yaml = new StringBuilder();
        yaml.AppendLine($"name: random-{seed}");
        yaml.AppendLine($"start: {Month(0)}");
        yaml.AppendLine($"end: {Month(months - 1)}");
        yaml.AppendLine($"samples: {samples}");
        yaml.AppendLine($"seed: {seed}");
        yaml.AppendLine($"roadmap: [{string.Join(", ", roadmap)}]");
        yaml.AppendLine($"training: {{days: {N(20 + rng.Next(100))}}}");
        yaml.AppendLine("accelerators:");
        yaml.AppendLine($"  - {{name: {roadmap[^1]}, slip_months: {{dist: uniform, min: 0, max: {N(1 + rng.Next(12))}}}}}");
        if (rng.Next(2) == 0)
            yaml.AppendLine("defaults: {mfu: {dist: pert, min: 0.3, mode: 0.4, max: 0.5}, lifetime_years: " + N(new[] { 0, 1.5, 2, 4 }[rng.Next(4)]) + "}");
        if (rng.Next(3) > 0)
        {
            yaml.AppendLine("researchers:");
            int points = 1 + rng.Next(3);
            for (int p = 0; p < points; p++)
                yaml.AppendLine($"  - {{month: {Month(p * months / points)}, count: {{dist: uniform, min: {N(100 + 50 * p)}, max: {N(200 + 80 * p)}}}}}");
        }
        int sites = 1 + rng.Next(4);
        yaml.AppendLine("sites:");
        for (int s = 0; s < sites; s++)
        {
            double designPue = 1.1 + 0.05 * rng.Next(4);
            yaml.AppendLine($"  - name: S{s}");
            yaml.AppendLine(s % 2 == 0 ? $"    pue: {N(designPue)}" : $"    pue: {{dist: triangular, min: 1.05, mode: {N(designPue)}, max: 1.4}}");
            yaml.AppendLine($"    design_pue: {N(designPue)}");
            if (rng.Next(2) == 0) yaml.AppendLine("    pue_monthly: [0.98, 0.98, 0.99, 1, 1.01, 1.03, 1.05, 1.05, 1.02, 1, 0.99, 0.98]");
            yaml.AppendLine($"    load_factor: {N(0.6 + 0.1 * rng.Next(4))}");
            if (rng.Next(2) == 0) yaml.AppendLine($"    lifetime_years: {N(new[] { 0, 1, 2.5, 5 }[rng.Next(4)])}");
            yaml.AppendLine($"    grid_price_usd_per_mwh: {{dist: normal, mean: {N(50 + rng.Next(40))}, sd: 8}}");
            double builtMw = 0;
            var phases = new StringBuilder();
            int phaseCount = 1 + rng.Next(3);
            for (int p = 0; p < phaseCount; p++)
            {
                double size = 20 + rng.Next(400);
                builtMw += size;
                int online = -12 + rng.Next(months + 12);
                bool first = s == 0 && p == 0;
                double extra = first ? tweak.ExtraDelayOfFirstPhase : 0;
                string delay = rng.Next(2) == 0
                    ? N(rng.Next(4) + extra)
                    : $"{{dist: uniform, min: {N(extra)}, max: {N(6 + extra)}}}";
                string sizeField = rng.Next(2) == 0 ? $"it_mw: {N(size)}" : $"facility_mw: {N(size * designPue)}";
                string accelerator = rng.Next(3) == 0 ? $", accelerator: {roadmap[rng.Next(roadmap.Length)]}" : "";
                string ramp = rng.Next(2) == 0 ? "linear" : "s-curve";
                phases.AppendLine($"      - {{name: P{p}, online: {Month(online)}, delay_months: {delay}, {sizeField}, ramp_months: {N(rng.Next(18))}, ramp: {ramp}{accelerator}}}");
            }
            if (rng.Next(3) > 0)
            {
                yaml.AppendLine("    supply:");
                int sources = 1 + rng.Next(3);
                for (int k = 0; k < sources; k++)
                {
                    double mw = Math.Round(builtMw * designPue * (0.2 + 0.5 * rng.NextDouble()), 1) * tweak.SupplyFactor;
                    string window = rng.Next(2) == 0 ? $", from: {Month(rng.Next(months))}" : "";
                    if (rng.Next(4) == 0) window += $", until: {Month(months + rng.Next(24))}";
                    yaml.AppendLine($"      - {{name: src{k}, mw: {N(mw)}{window}, price_usd_per_mwh: {N(30 + rng.Next(60))}, gco2_per_kwh: {N(rng.Next(500))}}}");
                }
            }
            yaml.AppendLine("    phases:");
            yaml.Append(phases);
        }
        if (sites > 1 && rng.Next(2) == 0) yaml.AppendLine("clusters: [{name: C, sites: [S0, S1]}]");
        return yaml.ToString();
    }
}
