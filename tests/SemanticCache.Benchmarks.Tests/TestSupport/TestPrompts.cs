namespace SemanticCache.Benchmarks.Tests;

/// <summary>A small prompt set: two bases with variants and a few other prompts.</summary>
internal static class TestPrompts
{
    public const string Text = """
        # tiny prompt set for smoke runs
        [base prompts]
        What is the capital of France?
        ~ Which city is the capital of France?
        How do I reverse a string in Python?
        ~ How do I reverse a string in Python quickly?

        [other]
        Why is the sky blue?
        What is a hash table?
        Explain TCP versus UDP.
        """;

    public static PromptSet Create() => new(PromptFileParser.Parse(Text.Split('\n')), "test prompts");
}
