using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SemanticCache.Agent.Tests;

/// <summary>
/// The Anthropic Messages API endpoint the SDK calls (<c>POST /v1/messages</c>), on 127.0.0.1 with a free port: JSON
/// answers, and SSE streams with the real event sequence (message_start, content_block_start, ping, content_block_delta,
/// content_block_stop, message_delta, message_stop). It checks what the SDK sends (bearer key, anthropic-version, JSON
/// body with model, max_tokens and a conversation that starts with the user) and records every deviation, so a test can
/// assert there was none.
/// </summary>
internal sealed class AnthropicMessagesServer : IAsyncDisposable
{
    public const string ApiKey = "sk-ant-test-4f1c9e2b7a";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private int _messageCounter;

    private AnthropicMessagesServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Gets the base address to pass as <c>--endpoint</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Gets what the SDK sent that the real API would refuse or that the server does not implement.</summary>
    public IReadOnlyList<string> Violations => [.. _violations];

    /// <summary>Gets or sets the answer to a prompt (the last user message).</summary>
    public Func<string, string> Answer { get; set; } = prompt => $"Answer to: {prompt}";

    /// <summary>Gets or sets a status code to fail every request with (an Anthropic error body), or <see langword="null"/>.</summary>
    public HttpStatusCode? FailWith { get; set; }

    public static async Task<AnthropicMessagesServer> StartAsync()
    {
        var app = LoopbackWebApplication.Create();
        var server = new AnthropicMessagesServer(app);
        app.MapPost("/v1/messages", server.HandleAsync);
        app.MapFallback(async context =>
        {
            server._violations.Enqueue($"unexpected request {context.Request.Method} {context.Request.Path}");
            await WriteErrorAsync(context, HttpStatusCode.NotFound, "not_found_error", "Not found");
        });
        server.BaseAddress = await LoopbackWebApplication.StartAsync(app);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task WriteErrorAsync(HttpContext context, HttpStatusCode status, string type, string message)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { type = "error", error = new { type, message } }));
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.Authorization.ToString() != $"Bearer {ApiKey}")
        {
            _violations.Enqueue("missing or wrong Authorization: Bearer key");
            await WriteErrorAsync(context, HttpStatusCode.Unauthorized, "authentication_error", "invalid x-api-key");
            return;
        }

        if (string.IsNullOrEmpty(request.Headers["anthropic-version"]))
        {
            _violations.Enqueue("missing anthropic-version header");
            await WriteErrorAsync(context, HttpStatusCode.BadRequest, "invalid_request_error", "anthropic-version header is required");
            return;
        }

        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.Ordinal))
        {
            _violations.Enqueue($"content type {request.ContentType}");
            await WriteErrorAsync(context, HttpStatusCode.BadRequest, "invalid_request_error", "content-type must be application/json");
            return;
        }

        RecordedRequest recorded;
        try
        {
            recorded = Parse(await JsonNode.ParseAsync(request.Body) ?? throw new FormatException("empty body"));
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            _violations.Enqueue($"invalid body: {e.Message}");
            await WriteErrorAsync(context, HttpStatusCode.BadRequest, "invalid_request_error", e.Message);
            return;
        }

        _requests.Enqueue(recorded);
        if (FailWith is { } failure)
        {
            await WriteErrorAsync(context, failure, "api_error", "Internal server error");
            return;
        }

        var id = $"msg_test_{Interlocked.Increment(ref _messageCounter):D4}";
        var answer = Answer(recorded.LastUserText);
        var inputTokens = recorded.Messages.Sum(m => m.Text.Split(' ').Length);
        var outputTokens = answer.Split(' ').Length;
        context.Response.Headers["request-id"] = $"req_{id}";
        if (recorded.Stream)
        {
            await StreamAsync(context, id, recorded.Model, answer, inputTokens, outputTokens);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject
        {
            ["id"] = id,
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = recorded.Model,
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = answer }),
            ["stop_reason"] = "end_turn",
            ["stop_sequence"] = null,
            ["usage"] = new JsonObject { ["input_tokens"] = inputTokens, ["output_tokens"] = outputTokens },
        }.ToJsonString());
    }

    private static async Task StreamAsync(HttpContext context, string id, string model, string answer, int inputTokens, int outputTokens)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        async Task SendAsync(string name, JsonObject data)
        {
            await context.Response.WriteAsync($"event: {name}\ndata: {data.ToJsonString()}\n\n", Encoding.UTF8);
            await context.Response.Body.FlushAsync();
        }

        await SendAsync("message_start", new JsonObject
        {
            ["type"] = "message_start",
            ["message"] = new JsonObject
            {
                ["id"] = id,
                ["type"] = "message",
                ["role"] = "assistant",
                ["model"] = model,
                ["content"] = new JsonArray(),
                ["stop_reason"] = null,
                ["stop_sequence"] = null,
                ["usage"] = new JsonObject { ["input_tokens"] = inputTokens, ["output_tokens"] = 1 },
            },
        });
        await SendAsync("content_block_start", new JsonObject
        {
            ["type"] = "content_block_start",
            ["index"] = 0,
            ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = string.Empty },
        });
        await SendAsync("ping", new JsonObject { ["type"] = "ping" });
        foreach (var piece in Pieces(answer))
        {
            await SendAsync("content_block_delta", new JsonObject
            {
                ["type"] = "content_block_delta",
                ["index"] = 0,
                ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = piece },
            });
        }

        await SendAsync("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 });
        await SendAsync("message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = "end_turn", ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = outputTokens },
        });
        await SendAsync("message_stop", new JsonObject { ["type"] = "message_stop" });
    }

    /// <summary>Splits an answer into the word-sized deltas a real stream has.</summary>
    private static IEnumerable<string> Pieces(string answer)
    {
        var start = 0;
        for (var i = 1; i <= answer.Length; i++)
        {
            if (i == answer.Length || answer[i] == ' ')
            {
                yield return answer[start..i];
                start = i;
            }
        }
    }

    private static RecordedRequest Parse(JsonNode body)
    {
        var model = body["model"]?.GetValue<string>() is { Length: > 0 } m ? m : throw new FormatException("model is required");
        var maxTokens = body["max_tokens"]?.GetValue<int>() is { } t and > 0 ? t : throw new FormatException("max_tokens must be a positive integer");
        var stream = body["stream"]?.GetValue<bool>() ?? false;
        var messages = body["messages"] as JsonArray is { Count: > 0 } array ? array : throw new FormatException("messages must be a non-empty array");
        var conversation = new List<(string Role, string Text)>();
        foreach (var message in messages)
        {
            var role = message?["role"]?.GetValue<string>();
            if (role is not ("user" or "assistant"))
            {
                throw new FormatException($"role must be user or assistant, not {role}");
            }

            var text = message!["content"] switch
            {
                JsonValue value => value.GetValue<string>(),
                JsonArray blocks => string.Concat(blocks.Select(b => b?["type"]?.GetValue<string>() == "text"
                    ? b["text"]?.GetValue<string>() ?? throw new FormatException("a text block needs text")
                    : throw new FormatException($"unsupported content block {b?["type"]}"))),
                _ => throw new FormatException("content must be a string or an array of blocks"),
            };
            conversation.Add((role, text));
        }

        if (conversation[0].Role != "user")
        {
            throw new FormatException("the first message must be the user's");
        }

        return new RecordedRequest(model, maxTokens, stream, conversation);
    }
}
