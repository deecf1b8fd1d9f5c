using System.CommandLine;
using System.Globalization;
using CapacitySim.IO.Catalog;

namespace CapacitySim.Cli;

/// <summary><c>capsim catalog</c>: prints the built-in accelerator catalog with its sources.</summary>
public static class CatalogCommand
{
    public static Command Create(TextWriter stdout)
    {
        var command = new Command("catalog", "Print the built-in accelerator catalog (scenario files may add or override entries under accelerators:).");
        command.SetAction(_ =>
        {
            var inv = CultureInfo.InvariantCulture;
            stdout.WriteLine($"{"name",-8} {"available",-9} {"peak BF16",12} {"TDP W",7} {"all-in W",9} {"unit cost",10}");
            foreach (var a in BuiltInCatalog.Load())
            {
                stdout.WriteLine(string.Create(inv,
                    $"{a.Name,-8} {a.Available,-9} {a.PeakFlops.Nominal / 1e15,8:0.###} PF/s {a.TdpWatts.Nominal,7:0} {a.AllInWatts.Nominal,9:0} {a.UnitCostUsd.Nominal,10:$#,0}"));
                stdout.WriteLine($"         source: {a.Source}");
            }
            return ExitCodes.Done;
        });
        return command;
    }
}
