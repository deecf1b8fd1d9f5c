using CapacitySim.Cli;

namespace CapacitySim.Tests.Support;

/// <summary>capsim run in the test's own process, as the command line would run it: exit code and what it wrote to each stream.</summary>
internal static class InProcessCapsim
{
    public static (int Code, string Out, string Err) Capsim(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CapsimApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
