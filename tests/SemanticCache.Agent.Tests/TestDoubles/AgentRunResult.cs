namespace SemanticCache.Agent.Tests;

/// <summary>How an in-process run of the agent ended.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Everything it printed on standard output (no colours).</param>
/// <param name="Error">Everything it printed on standard error.</param>
internal sealed record AgentRunResult(int ExitCode, string Output, string Error);
