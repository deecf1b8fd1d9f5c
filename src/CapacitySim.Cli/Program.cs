using CapacitySim.Core.Engine;
using CapacitySim.IO.Platform;

namespace CapacitySim.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        // Before anything large is allocated; CAPSIM_HUGE_PAGES=0 leaves the system's default.
        if (Environment.GetEnvironmentVariable("CAPSIM_HUGE_PAGES") == "0") HugePageBacking.Enabled = false;
        else HugePages.AdviseManagedHeap();
        return CapsimApp.Run(args, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected);
    }
}
