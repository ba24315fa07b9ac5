using CsCheck;
using Microsoft.Extensions.AI;

namespace SemanticCache.Tests;

/// <summary>Property: however requests are mixed, no hit ever crosses a scope.</summary>
public sealed partial class SemanticCachingChatClientTests
{
    private static readonly string[] Partitions = ["", "tenant-a", "tenant-b"];
    private static readonly string?[] Models = [null, "model-1", "model-2"];
    private static readonly string?[] SystemPrompts = [null, "Be brief.", "Be thorough."];
    private static readonly string[] Words = ["capital", "france", "paris", "weather", "today", "price", "bitcoin", "what", "is", "the"];

    [Fact]
    public async Task GetResponseAsync_RandomRequestsAcrossScopes_NoHitEverCrossesAScope()
    {
        var request = Gen.Select(
            Gen.Int[0, Partitions.Length - 1],
            Gen.Int[0, Models.Length - 1],
            Gen.Int[0, SystemPrompts.Length - 1],
            Gen.Int[0, Words.Length - 1].Array[1, 4],
            (partition, model, system, words) => (Partition: Partitions[partition], Model: Models[model], System: SystemPrompts[system], Prompt: string.Join(' ', words.Select(w => Words[w]))));
        var hits = 0;

        // 8 runs of 400 random requests each, every run against a fresh cache with a threshold so low that any
        // candidate in scope is served: only the scope can stop a wrong answer.
        await request.Array[400].SampleAsync(
            async requests =>
            {
                using var h = new CacheHarness(o => o.SimilarityThreshold = 0.01);
                h.Inner.GetResponseAsyncCallback = (messages, options, _) =>
                    Task.FromResult(TestChatClient.Answer(ScopeLabel(options?.AdditionalProperties?[SemanticCacheRequestKeys.Partition] as string, options?.ModelId, messages)));
                foreach (var (partition, model, system, prompt) in requests)
                {
                    var options = new ChatOptions { ModelId = model }.WithSemanticCachePartition(partition);
                    var messages = CacheHarness.Prompt(prompt, system);
                    var response = await h.Client.GetResponseAsync(messages, options, Ct);
                    if (response.GetSemanticCacheHit() is not null)
                    {
                        hits++;
                        Assert.StartsWith(ScopeLabel(partition, model, messages).Split('#')[0], response.Text, StringComparison.Ordinal);
                    }
                }
            },
            iter: 8,
            threads: 1);

        Assert.True(hits > 500, $"only {hits} hits: the property would be vacuous");
    }

    private static string ScopeLabel(string? partition, string? model, IReadOnlyList<ChatMessage> messages) =>
        $"{partition}|{model ?? "test-model"}|{messages.FirstOrDefault(m => m.Role == ChatRole.System)?.Text}#{messages[^1].Text}";
}
