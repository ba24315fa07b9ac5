namespace SemanticCache.Samples.Testing;

/// <summary>The result of one tool run: exit code, standard output and standard error.</summary>
public sealed record ToolRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}
