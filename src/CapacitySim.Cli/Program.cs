namespace CapacitySim.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        Startup.PrepareMemory();
        return CapsimApp.Run(args, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected);
    }
}
