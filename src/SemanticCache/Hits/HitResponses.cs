using Microsoft.Extensions.AI;

namespace SemanticCache;

/// <summary>Turns a stored response into what a hit returns: marked as a hit, with zero usage, as a response or as a replayed stream.</summary>
internal static class HitResponses
{
    public static ChatResponse Mark(ChatResponse response, SemanticCacheHitKind kind, SemanticCacheTier tier, double similarity, SemanticCacheEntry entry, DateTimeOffset now)
    {
        var properties = response.AdditionalProperties ??= [];
        properties[SemanticCacheResponseKeys.Hit] = true;
        properties[SemanticCacheResponseKeys.HitKind] = kind switch
        {
            SemanticCacheHitKind.Semantic => "semantic",
            SemanticCacheHitKind.Coalesced => "coalesced",
            _ => "exact",
        };
        properties[SemanticCacheResponseKeys.Tier] = tier.ToTagValue();
        properties[SemanticCacheResponseKeys.Similarity] = similarity;
        properties[SemanticCacheResponseKeys.EntryKey] = entry.Key;
        properties[SemanticCacheResponseKeys.EntryAge] = now - entry.CreatedAt;
        if (response.Usage is { } usage)
        {
            properties[SemanticCacheResponseKeys.OriginalUsage] = usage;
        }

        // Serving a hit consumed no tokens; cost dashboards must not count it twice.
        response.Usage = new UsageDetails { InputTokenCount = 0, OutputTokenCount = 0, TotalTokenCount = 0 };
        return response;
    }

    /// <summary>
    /// Replays a response as a stream: text in chunks of <paramref name="chunkSize"/> characters, other contents as they
    /// are, each update carrying its message's role, author and id; a last update carries the finish reason, the (zero)
    /// usage and the hit description.
    /// </summary>
    public static IEnumerable<ChatResponseUpdate> ToUpdates(ChatResponse response, int chunkSize)
    {
        foreach (var message in response.Messages)
        {
            foreach (var content in message.Contents)
            {
                if (content is TextContent { Text: { Length: > 0 } text } && text.Length > chunkSize)
                {
                    var start = 0;
                    while (start < text.Length)
                    {
                        var length = Math.Min(chunkSize, text.Length - start);
                        if (length < text.Length - start && char.IsHighSurrogate(text[start + length - 1]))
                        {
                            length++; // never split a surrogate pair across updates
                        }

                        yield return Update(response, message, new TextContent(text.Substring(start, length)));
                        start += length;
                    }
                }
                else
                {
                    yield return Update(response, message, content);
                }
            }
        }

        var last = new ChatResponseUpdate
        {
            ResponseId = response.ResponseId,
            ModelId = response.ModelId,
            CreatedAt = response.CreatedAt,
            ConversationId = response.ConversationId,
            FinishReason = response.FinishReason,
            AdditionalProperties = response.AdditionalProperties,
            Role = response.Messages.Count > 0 ? response.Messages[^1].Role : ChatRole.Assistant,
            MessageId = response.Messages.Count > 0 ? response.Messages[^1].MessageId : null,
        };
        if (response.Usage is { } usage)
        {
            last.Contents.Add(new UsageContent(usage));
        }

        yield return last;
    }

    private static ChatResponseUpdate Update(ChatResponse response, ChatMessage message, AIContent content) => new()
    {
        Role = message.Role,
        AuthorName = message.AuthorName,
        MessageId = message.MessageId,
        ResponseId = response.ResponseId,
        ModelId = response.ModelId,
        CreatedAt = message.CreatedAt ?? response.CreatedAt,
        ConversationId = response.ConversationId,
        Contents = [content],
    };
}
