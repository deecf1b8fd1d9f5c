namespace CapacitySim.IO.Scenarios;

/// <summary>A problem in an input file at a 1-based line and column.</summary>
public sealed record Diagnostic(string File, int Line, int Column, string Message)
{
    /// <summary>The message as users see it: <c>file:line:column: message</c>.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>Thrown at the boundary when an input has problems; carries all of them.</summary>
public sealed class ScenarioException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception(string.Join(Environment.NewLine, diagnostics))
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}
