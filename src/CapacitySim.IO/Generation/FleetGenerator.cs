using System.Globalization;
using System.Text;

namespace CapacitySim.IO.Generation;

/// <summary>
/// Writes a synthetic world fleet as a scenario file for scaling work (described in
/// docs/performance.md, "The synthetic fleet"); the same seed gives the same file.
/// </summary>
public static class FleetGenerator
{
    private static readonly (string Name, double Price, double GCo2, double Pue, double Latitude)[] Regions =
    [
        ("us-east", 70, 380, 1.2, 39), ("us-west", 85, 250, 1.15, 37), ("us-south", 60, 420, 1.25, 32),
        ("europe-north", 55, 60, 1.1, 60), ("europe-west", 110, 250, 1.15, 50), ("asia-east", 90, 550, 1.3, 35),
        ("asia-south", 80, 650, 1.4, 20), ("middle-east", 50, 500, 1.4, 25), ("latam", 75, 200, 1.3, -23), ("oceania", 95, 600, 1.25, -33),
    ];

    /// <summary>
    /// The scenario text of <paramref name="sites"/> sites drawn with <paramref name="seed"/>; it
    /// starts with a <c>yaml-language-server</c> line naming <paramref name="schemaPath"/> (relative
    /// to the file's folder) when one is given. With <paramref name="typed"/> every site is
    /// dispatched hour by hour (MODEL.md section 8) on solar, a battery, gas units and a grid import
    /// sized to it, at its region's latitude, in place of its untyped supply; every other figure is
    /// the untyped fleet's (the typed sources are drawn from a stream of their own).
    /// </summary>
    public static string Generate(int sites, int seed, string? schemaPath = null, bool typed = false)
    {
        var rng = new Random(seed);
        var typedRng = new Random(unchecked(seed * 31 + 7));
        var inv = CultureInfo.InvariantCulture;
        string N(double x) => x.ToString("0.###", inv);
        var yaml = new StringBuilder();
        if (schemaPath is not null) yaml.AppendLine($"# yaml-language-server: $schema={schemaPath}");
        yaml.AppendLine($"# Synthetic world fleet for scaling benchmarks: written by `capsim generate fleet --sites {sites} --seed {seed}{(typed ? " --typed" : "")}`.");
        yaml.AppendLine("# Not a real fleet: every figure is drawn from ranges chosen to look like one (see src/CapacitySim.IO/Generation/FleetGenerator.cs).");
        yaml.AppendLine($"name: fleet-{sites}{(typed ? "-typed" : "")}");
        yaml.AppendLine("description: |");
        yaml.AppendLine($"  Synthetic fleet of {sites} data-center sites in ten regions, for scaling benchmarks. Generated with seed {seed}.");
        if (typed) yaml.AppendLine("  Every site on solar, a battery, gas units and a grid import, dispatched hour by hour.");
        yaml.AppendLine("start: 2024-01");
        yaml.AppendLine("end: 2035-12");
        yaml.AppendLine("samples: 1000");
        yaml.AppendLine($"seed: {seed}");
        yaml.AppendLine("roadmap: [A100, H100, H200, B200, GB200, GB300, VR200]");
        yaml.AppendLine("accelerators:");
        yaml.AppendLine("  - {name: GB300, slip_months: {dist: triangular, min: 0, mode: 2, max: 6}}");
        yaml.AppendLine("  - {name: VR200, slip_months: {dist: triangular, min: 0, mode: 3, max: 12}}");
        yaml.AppendLine("defaults:");
        yaml.AppendLine("  lifetime_years: 5");
        yaml.AppendLine("  load_factor: {dist: uniform, min: 0.6, max: 0.85}");
        yaml.AppendLine("sites:");
        for (int s = 0; s < sites; s++)
        {
            var region = Regions[rng.Next(Regions.Length)];
            // Heavy tail: median ~40 MW, a few percent above 500 MW, capped at 3 GW.
            double totalMw = Math.Min(3000, Math.Round(40 * Math.Exp(1.1 * Normal(rng)), 1));
            int phases = 1 + rng.Next(4);
            yaml.AppendLine($"  - name: site-{s:D5}");
            yaml.AppendLine($"    region: {region.Name}");
            yaml.AppendLine($"    pue: {{dist: triangular, min: {N(region.Pue - 0.05)}, mode: {N(region.Pue)}, max: {N(region.Pue + 0.15)}}}");
            yaml.AppendLine($"    mfu: {{dist: pert, min: 0.25, mode: {N(0.35 + 0.1 * rng.NextDouble())}, max: 0.5}}");
            yaml.AppendLine($"    grid_price_usd_per_mwh: {N(region.Price * (0.8 + 0.4 * rng.NextDouble()))}");
            yaml.AppendLine($"    grid_gco2_per_kwh: {N(region.GCo2 * (0.8 + 0.4 * rng.NextDouble()))}");
            // The untyped supply is drawn in either case, so the typed fleet's other figures are the same.
            var untyped = new List<string>();
            if (rng.Next(2) == 0)
            {
                if (rng.Next(3) == 0)
                    untyped.Add($"      - {{name: onsite-gas, mw: {N(totalMw * 0.3)}, from: {Month(2025 + rng.Next(6), rng)}, price_usd_per_mwh: {N(60 + 30 * rng.NextDouble())}, gco2_per_kwh: 420}}");
                untyped.Add($"      - {{name: grid-contract, mw: {N(totalMw * (0.8 + 0.6 * rng.NextDouble()))}, price_usd_per_mwh: {N(region.Price)}, gco2_per_kwh: {N(region.GCo2)}}}");
            }
            if (typed)
            {
                // Facility MW to serve: the IT at the region's PUE; gas and grid firm enough to power it all.
                double facility = totalMw * (region.Pue + 0.15);
                yaml.AppendLine($"    latitude: {N(region.Latitude)}");
                yaml.AppendLine("    supply:");
                yaml.AppendLine($"      - {{name: solar, type: solar, mw: {N(Math.Round(facility * (1 + 2 * typedRng.NextDouble()), 1))}, capacity_factor: {{dist: triangular, min: 0.16, mode: 0.2, max: 0.24}}, price_usd_per_mwh: {N(30 + 20 * typedRng.NextDouble())}}}");
                yaml.AppendLine($"      - {{name: battery, type: battery, mw: {N(Math.Round(facility * (0.2 + 0.4 * typedRng.NextDouble()), 1))}, hours: {2 + 2 * typedRng.Next(2)}}}");
                yaml.AppendLine($"      - {{name: gas, type: gas, mw: {N(Math.Round(facility * (0.9 + 0.3 * typedRng.NextDouble()), 1))}, units: {2 + typedRng.Next(5)}}}");
                yaml.AppendLine($"      - {{name: grid, type: grid, mw: {N(Math.Round(facility * 0.2, 1))}}}");
            }
            else if (untyped.Count > 0)
            {
                yaml.AppendLine("    supply:");
                foreach (string line in untyped) yaml.AppendLine(line);
            }
            yaml.AppendLine("    phases:");
            for (int p = 0; p < phases; p++)
            {
                double mw = Math.Round(totalMw / phases, 1);
                string online = Month(2018 + rng.Next(17), rng);
                string size = rng.Next(2) == 0 ? $"it_mw: {N(mw)}" : $"facility_mw: {N(mw * region.Pue)}";
                int slip = rng.Next(13);
                yaml.AppendLine($"      - {{name: p{p + 1}, online: {online}, delay_months: {{dist: triangular, min: 0, mode: {slip / 3}, max: {slip}}}, {size}, ramp_months: {6 + rng.Next(19)}}}");
            }
        }
        return yaml.ToString();
    }

    private static string Month(int year, Random rng) => $"{year:D4}-{1 + rng.Next(12):D2}";

    /// <summary>A standard normal draw (Box-Muller).</summary>
    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
