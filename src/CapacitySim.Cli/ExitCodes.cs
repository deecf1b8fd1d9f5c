namespace CapacitySim.Cli;

/// <summary>Process exit codes: 0 done, 1 the run failed, 2 the input is invalid, 3 a plan cannot meet its targets within its limits, 130 interrupted (Ctrl-C).</summary>
public static class ExitCodes
{
    public const int Done = 0;
    public const int Failure = 1;
    public const int InvalidInput = 2;
    public const int Infeasible = 3;
    public const int Interrupted = 130;
}
