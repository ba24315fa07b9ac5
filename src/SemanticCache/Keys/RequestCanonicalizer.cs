using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace SemanticCache;

/// <summary>
/// Reduces a chat request to its canonical scope (everything that must match exactly for a hit), the text compared by
/// meaning, and the exact key.
/// </summary>
/// <remarks>
/// The scope covers the effective model id, the partition, <see cref="ChatOptions.Instructions"/>, every output-affecting
/// <see cref="ChatOptions"/> field (including the tools' names, descriptions and JSON schemas, which Microsoft.Extensions.AI
/// leaves out of its key), every message that is not embedded (system prompts and history, in order, with placeholders
/// where embedded messages stand) and the format version. Volatile fields (<see cref="ChatMessage.CreatedAt"/>,
/// <see cref="ChatMessage.MessageId"/>, raw representations) and the cache's own request controls never enter it.
/// </remarks>
internal sealed class RequestCanonicalizer
{
    private readonly SemanticCacheOptions _options;
    private readonly JsonTypeInfo<AIContent> _contentType;
    private readonly JsonSerializerOptions _json;

    public RequestCanonicalizer(SemanticCacheOptions options)
    {
        _options = options;
        _json = AIJsonUtilities.DefaultOptions;
        _contentType = (JsonTypeInfo<AIContent>)_json.GetTypeInfo(typeof(AIContent));
    }

    /// <summary>Canonicalises a request.</summary>
    /// <returns>The canonical request, or <see langword="null"/> when there is no text to embed.</returns>
    public CanonicalRequest? Canonicalize(IReadOnlyList<ChatMessage> messages, ChatOptions? chatOptions, string? defaultModelId, string partition)
    {
        var embedded = new bool[messages.Count];
        var text = SelectEmbeddedText(messages, embedded);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var modelId = chatOptions?.ModelId ?? defaultModelId;
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", SemanticCacheEntry.CurrentFormatVersion);
            writer.WriteString("model", modelId);
            writer.WriteString("partition", partition);
            WriteOptions(writer, chatOptions);
            writer.WriteStartArray("messages");
            for (var i = 0; i < messages.Count; i++)
            {
                WriteMessage(writer, messages[i], embedded[i]);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        Span<byte> scope = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, scope);
        return new CanonicalRequest(Convert.ToHexStringLower(scope), ComputeKey(scope, text), text, partition, modelId);
    }

    private static string ComputeKey(ReadOnlySpan<byte> scope, string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        var length = scope.Length + Encoding.UTF8.GetMaxByteCount(normalized.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            scope.CopyTo(rented);
            var written = scope.Length + Encoding.UTF8.GetBytes(normalized, rented.AsSpan(scope.Length));
            Span<byte> key = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(rented.AsSpan(0, written), key);
            return Convert.ToHexStringLower(key);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private string? SelectEmbeddedText(IReadOnlyList<ChatMessage> messages, bool[] embedded)
    {
        if (_options.EmbeddedTextSelector is { } selector)
        {
            for (var i = messages.Count - 1; i >= 0; i--)
            {
                if (messages[i].Role == ChatRole.User)
                {
                    embedded[i] = true;
                    break;
                }
            }

            return selector(messages);
        }

        var remaining = _options.EmbeddedUserMessageCount;
        var first = messages.Count;
        for (var i = messages.Count - 1; i >= 0 && remaining > 0; i--)
        {
            if (messages[i].Role == ChatRole.User)
            {
                embedded[i] = true;
                first = i;
                remaining--;
            }
        }

        if (first == messages.Count)
        {
            return null;
        }

        var builder = new StringBuilder();
        for (var i = first; i < messages.Count; i++)
        {
            if (embedded[i])
            {
                if (builder.Length > 0)
                {
                    builder.Append('\n');
                }

                builder.Append(messages[i].Text);
            }
        }

        return builder.ToString();
    }

    private void WriteMessage(Utf8JsonWriter writer, ChatMessage message, bool embedded)
    {
        writer.WriteStartObject();
        writer.WriteString("role", message.Role.Value);
        if (embedded)
        {
            // Placeholder: the embedded text is compared by meaning, but where it stood is part of the scope.
            writer.WriteBoolean("embedded", true);
        }
        else
        {
            writer.WriteString("author", message.AuthorName);
            writer.WriteStartArray("contents");
            foreach (var content in message.Contents)
            {
                JsonSerializer.Serialize(writer, content, _contentType);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private void WriteOptions(Utf8JsonWriter writer, ChatOptions? options)
    {
        writer.WriteStartObject("options");
        if (options is not null)
        {
            WriteIfSet(writer, "instructions", options.Instructions);
            WriteIfSet(writer, "temperature", options.Temperature);
            WriteIfSet(writer, "topP", options.TopP);
            WriteIfSet(writer, "topK", options.TopK);
            WriteIfSet(writer, "maxOutputTokens", options.MaxOutputTokens);
            WriteIfSet(writer, "frequencyPenalty", options.FrequencyPenalty);
            WriteIfSet(writer, "presencePenalty", options.PresencePenalty);
            WriteIfSet(writer, "seed", options.Seed);
            WriteIfSet(writer, "allowMultipleToolCalls", options.AllowMultipleToolCalls);
            WriteIfSet(writer, "allowBackgroundResponses", options.AllowBackgroundResponses);
            WriteIfSet(writer, "conversationId", options.ConversationId);
            if (options.StopSequences is { Count: > 0 } stops)
            {
                writer.WriteStartArray("stop");
                foreach (var stop in stops)
                {
                    writer.WriteStringValue(stop);
                }

                writer.WriteEndArray();
            }

            WriteObjectIfSet(writer, "responseFormat", options.ResponseFormat);
            WriteObjectIfSet(writer, "toolMode", options.ToolMode);
            WriteObjectIfSet(writer, "reasoning", options.Reasoning);
            WriteTools(writer, options.Tools);
            WriteAdditionalProperties(writer, options.AdditionalProperties);
        }

        writer.WriteEndObject();
    }

    private void WriteTools(Utf8JsonWriter writer, IList<AITool>? tools)
    {
        if (tools is not { Count: > 0 })
        {
            return;
        }

        writer.WriteStartArray("tools");
        foreach (var tool in tools)
        {
            writer.WriteStartObject();
            writer.WriteString("type", tool.GetType().FullName);
            writer.WriteString("name", tool.Name);
            writer.WriteString("description", tool.Description);
            if (tool is AIFunctionDeclaration function)
            {
                writer.WritePropertyName("schema");
                function.JsonSchema.WriteTo(writer);
                if (function.ReturnJsonSchema is { } returnSchema)
                {
                    writer.WritePropertyName("returnSchema");
                    returnSchema.WriteTo(writer);
                }
            }

            WriteAdditionalProperties(writer, tool.AdditionalProperties);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private void WriteAdditionalProperties(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?>? properties)
    {
        if (properties is not { Count: > 0 })
        {
            return;
        }

        var started = false;
        foreach (var (key, value) in properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (key.StartsWith(SemanticCacheRequestKeys.Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (!started)
            {
                writer.WriteStartObject("additional");
                started = true;
            }

            writer.WritePropertyName(key);
            WriteValue(writer, value);
        }

        if (started)
        {
            writer.WriteEndObject();
        }
    }

    private void WriteObjectIfSet(Utf8JsonWriter writer, string name, object? value)
    {
        if (value is not null)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value);
        }
    }

    private void WriteValue(Utf8JsonWriter writer, object? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        // The runtime type is part of the value: subclasses without properties of their own (ChatResponseFormat.Text vs
        // Json, ChatToolMode.Auto vs RequireAny) must not serialize alike. A type the serializer cannot handle still
        // contributes its text rather than being dropped.
        var type = value.GetType();
        writer.WriteStartObject();
        writer.WriteString("t", type.FullName);
        writer.WritePropertyName("v");
        var written = false;
        if (_json.TryGetTypeInfo(type, out var typeInfo))
        {
            try
            {
                JsonSerializer.Serialize(writer, value, typeInfo);
                written = true;
            }
            catch (NotSupportedException)
            {
            }
        }

        if (!written)
        {
            writer.WriteStringValue(value.ToString());
        }

        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, float? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is { } v)
        {
            writer.WriteBoolean(name, v);
        }
    }
}
