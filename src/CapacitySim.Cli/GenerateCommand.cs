using System.CommandLine;
using CapacitySim.Cli.Common;
using CapacitySim.IO.Generation;

namespace CapacitySim.Cli;

/// <summary><c>capsim generate fleet --sites N --seed S --out FILE [--force] [--typed]</c>: writes a synthetic world fleet scenario, never over a file unless asked.</summary>
public static class GenerateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var sites = new Option<int>("--sites") { Description = "Number of sites (1 to 100,000).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same file.", DefaultValueFactory = _ => 1 };
        var outFile = new Option<string>("--out", "-o") { Description = "File to write.", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace the file if it exists (without it an existing file is left alone)." };
        var typed = new Option<bool>("--typed") { Description = "Every site on solar, a battery, gas units and a grid import, dispatched hour by hour (MODEL.md section 8), in place of its untyped supply." };
        var fleet = new Command("fleet", "Write a synthetic fleet of data-center sites in ten regions (see docs/performance.md).") { sites, seed, outFile, force, typed };
        fleet.SetAction(parse =>
        {
            int n = parse.GetValue(sites);
            if (n is < 1 or > 100_000)
            {
                stderr.WriteLine($"capsim: --sites must be from 1 to 100,000, got {n}");
                return ExitCodes.InvalidInput;
            }
            string path = parse.GetValue(outFile)!;
            if (File.Exists(path) && !parse.GetValue(force))
            {
                // A hand-written scenario may sit there: replace it only when asked.
                stderr.WriteLine($"capsim: '{path}' exists; pass --force to replace it");
                return ExitCodes.InvalidInput;
            }
            try
            {
                if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
                // Written beside and moved into place, so a failed write leaves the old file whole.
                string partial = path + ".partial";
                File.WriteAllText(partial, FleetGenerator.Generate(n, parse.GetValue(seed), SchemaReference.For(path), parse.GetValue(typed)));
                File.Move(partial, path, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"capsim: cannot write '{path}': {e.Message}");
                return ExitCodes.Failure;
            }
            stdout.WriteLine($"wrote {path}: {Words.Plural(n, "site")}");
            return ExitCodes.Done;
        });
        return new Command("generate", "Generate scenario files.") { fleet };
    }
}
