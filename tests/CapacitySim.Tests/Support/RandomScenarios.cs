using System.Globalization;
using System.Text;

namespace CapacitySim.Tests.Support;

/// <summary>Changes applied to a generated scenario without changing any random choice, for paired comparisons.</summary>
internal sealed record Tweak(double SupplyFactor = 1, double ExtraDelayOfFirstPhase = 0);

/// <summary>
/// Seeded generator of random valid scenarios across the format: several sites in regions, supply
/// lists (firm shares, capacity factors, capex, build months), none, or an empty one; phases sized
/// by IT or facility MW, delays, ramps (some drawing 0 in some samples, some longer than the
/// refresh cycle), refreshes, named and latest accelerators, accelerator overrides, distributions
/// on every kind of (u) number, pue_monthly, researchers with a research share, the training block
/// and clusters (several, sharing sites). Site 0's design PUE is a plain number, and PUE is plain
/// on even-numbered sites, so properties can be checked exactly there.
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
        // A fraction: plain, or a distribution that reaches past [0, 1] and is clamped.
        string Fraction(double typical) => rng.Next(3) switch
        {
            0 => N(typical),
            1 => $"{{dist: uniform, min: {N(typical - 0.3)}, max: {N(typical + 0.3)}}}",
            _ => $"{{dist: triangular, min: {N(typical / 2)}, mode: {N(typical)}, max: 1}}",
        };

        var yaml = new StringBuilder();
        yaml.AppendLine($"name: random-{seed}");
        yaml.AppendLine($"start: {Month(0)}");
        yaml.AppendLine($"end: {Month(months - 1)}");
        yaml.AppendLine($"samples: {samples}");
        yaml.AppendLine($"seed: {seed}");
        yaml.AppendLine($"roadmap: [{string.Join(", ", roadmap)}]");
        if (rng.Next(3) > 0)
            yaml.AppendLine($"research_share: {Fraction(0.5)}");
        yaml.AppendLine(rng.Next(3) switch
        {
            0 => $"training: {{days: {N(20 + rng.Next(100))}}}",
            1 => $"training: {{days: {{dist: uniform, min: 30, max: 120}}, accelerator_mtbf_hours: {{dist: lognormal, median: {N(20000 + rng.Next(100000))}, sigma: 0.5}}, checkpoint_minutes: {{dist: pert, min: 0.1, mode: 0.5, max: 3}}, restart_minutes: {{dist: normal, mean: 5, sd: 4}}}}",
            _ => $"training: {{accelerator_mtbf_hours: {N(new[] { 0, 5000, 50000, 400000 }[rng.Next(4)])}, restart_minutes: {N(rng.Next(20))}}}",
        });
        yaml.AppendLine("accelerators:");
        yaml.AppendLine($"  - {{name: {roadmap[^1]}, slip_months: {{dist: uniform, min: 0, max: {N(1 + rng.Next(12))}}}}}");
        if (rng.Next(2) == 0)
            yaml.AppendLine($"  - {{name: {roadmap[0]}, peak_flops: {{dist: lognormal, median: 1.0e15, sigma: 0.2}}, allin_w: {{dist: uniform, min: 900, max: 1600}}, unit_cost_usd: {{dist: triangular, min: 20000, mode: 30000, max: 50000}}}}");
        if (rng.Next(2) == 0)
            yaml.AppendLine("defaults: {mfu: {dist: pert, min: 0.3, mode: 0.4, max: 0.5}, lifetime_years: " + (rng.Next(3) == 0 ? "{dist: uniform, min: 0.5, max: 3}" : N(new[] { 0, 1.5, 2, 4 }[rng.Next(4)])) + "}");
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
            if (rng.Next(2) == 0) yaml.AppendLine($"    region: R{rng.Next(2)}");
            yaml.AppendLine(s % 2 == 0 ? $"    pue: {N(designPue)}" : $"    pue: {{dist: triangular, min: 1.05, mode: {N(designPue)}, max: 1.4}}");
            yaml.AppendLine(s == 0 || rng.Next(2) == 0 ? $"    design_pue: {N(designPue)}" : $"    design_pue: {{dist: uniform, min: {N(designPue - 0.05)}, max: {N(designPue + 0.1)}}}");
            if (rng.Next(2) == 0) yaml.AppendLine(rng.Next(2) == 0
                ? "    pue_monthly: [0.98, 0.98, 0.99, 1, 1.01, 1.03, 1.05, 1.05, 1.02, 1, 0.99, 0.98]"
                : "    pue_monthly: [0.8, 0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.3, 1.2, 1, 0.9, 0.8]");
            yaml.AppendLine($"    load_factor: {N(0.6 + 0.1 * rng.Next(4))}");
            bool shortCycle = rng.Next(4) == 0;
            if (shortCycle) yaml.AppendLine($"    lifetime_years: {N(new[] { 0.75, 1 }[rng.Next(2)])}");
            else if (rng.Next(2) == 0) yaml.AppendLine($"    lifetime_years: {N(new[] { 0, 1, 2.5, 5 }[rng.Next(4)])}");
            if (rng.Next(2) == 0) yaml.AppendLine(rng.Next(2) == 0 ? $"    build_months: {N(rng.Next(25))}" : $"    build_months: {{dist: uniform, min: -3, max: {N(6 + rng.Next(18))}}}");
            if (rng.Next(2) == 0) yaml.AppendLine($"    training_share: {Fraction(0.6)}");
            yaml.AppendLine($"    grid_price_usd_per_mwh: {{dist: normal, mean: {N(50 + rng.Next(40))}, sd: 8}}");
            double builtMw = 0;
            var phases = new StringBuilder();
            int phaseCount = 1 + rng.Next(3);
            for (int p = 0; p < phaseCount; p++)
            {
                double size = 20 + rng.Next(400);
                builtMw += size;
                int online = -24 + rng.Next(months + 24);
                bool first = s == 0 && p == 0;
                double extra = first ? tweak.ExtraDelayOfFirstPhase : 0;
                string delay = rng.Next(2) == 0
                    ? N(rng.Next(4) + extra)
                    : $"{{dist: uniform, min: {N(extra)}, max: {N(6 + extra)}}}";
                string sizeField = rng.Next(2) == 0 ? $"it_mw: {N(size)}" : $"facility_mw: {N(size * designPue)}";
                string accelerator = rng.Next(3) == 0 ? $", accelerator: {roadmap[rng.Next(roadmap.Length)]}" : "";
                string ramp = rng.Next(2) == 0 ? "linear" : "s-curve";
                // Some ramps draw 0 in some samples only; some outlast a short refresh cycle.
                string rampMonths = rng.Next(4) switch
                {
                    0 => "{dist: uniform, min: -4, max: 8}",
                    1 when shortCycle => N(14 + rng.Next(12)),
                    _ => N(rng.Next(18)),
                };
                phases.AppendLine($"      - {{name: P{p}, online: {Month(online)}, delay_months: {delay}, {sizeField}, ramp_months: {rampMonths}, ramp: {ramp}{accelerator}}}");
            }
            int supplyKind = rng.Next(6);
            if (supplyKind == 0) yaml.AppendLine("    supply: []");
            else if (supplyKind > 2)
            {
                yaml.AppendLine("    supply:");
                int sources = 1 + rng.Next(3);
                for (int k = 0; k < sources; k++)
                {
                    double mw = Math.Round(builtMw * designPue * (0.2 + 0.5 * rng.NextDouble()), 1) * tweak.SupplyFactor;
                    string window = rng.Next(2) == 0 ? $", from: {Month(rng.Next(months + 6) - 3)}" : "";
                    if (rng.Next(4) == 0) window += $", until: {Month(months + rng.Next(24))}";
                    string terms = "";
                    if (rng.Next(2) == 0) terms += $", firm_fraction: {Fraction(0.7)}";
                    if (rng.Next(2) == 0) terms += $", capacity_factor: {Fraction(0.5)}";
                    if (rng.Next(2) == 0) terms += $", capex_usd_per_mw: {(rng.Next(2) == 0 ? "1.2e6" : "{dist: uniform, min: 0.8e6, max: 2.0e6}")}";
                    if (rng.Next(3) == 0) terms += $", build_months: {(rng.Next(2) == 0 ? N(rng.Next(30)) : "{dist: triangular, min: 0, mode: 6, max: 20}")}";
                    yaml.AppendLine($"      - {{name: src{k}, mw: {N(mw)}{window}, price_usd_per_mwh: {N(30 + rng.Next(60))}, gco2_per_kwh: {N(rng.Next(500))}{terms}}}");
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
