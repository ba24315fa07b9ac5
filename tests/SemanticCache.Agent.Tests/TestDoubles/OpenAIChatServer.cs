using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SemanticCache.Agent.Tests;

/// <summary>
/// An OpenAI-compatible chat completions endpoint (<c>POST {base}/chat/completions</c>) on 127.0.0.1, as local model
/// servers offer it: JSON answers and <c>data:</c> chunk streams ending with <c>[DONE]</c>. It records the prompts and
/// the bearer key it was sent.
/// </summary>
internal sealed class OpenAIChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Model, string Prompt, bool Stream, string Authorization)> _requests = new();

    private OpenAIChatServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Gets the base address to pass as <c>--endpoint</c> (it ends in <c>/v1</c>).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<(string Model, string Prompt, bool Stream, string Authorization)> Requests => [.. _requests];

    public static async Task<OpenAIChatServer> StartAsync()
    {
        var app = LoopbackWebApplication.Create();
        var server = new OpenAIChatServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        var address = await LoopbackWebApplication.StartAsync(app);
        server.BaseAddress = new Uri(address.ToString().TrimEnd('/') + "/v1");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body) ?? throw new InvalidOperationException("empty body");
        var model = body["model"]!.GetValue<string>();
        var prompt = body["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "user")!["content"] switch
        {
            JsonValue text => text.GetValue<string>(),
            JsonArray parts => string.Concat(parts.Select(p => p!["text"]!.GetValue<string>())),
            _ => throw new InvalidOperationException("unexpected content"),
        };
        var stream = body["stream"]?.GetValue<bool>() ?? false;
        _requests.Enqueue((model, prompt, stream, context.Request.Headers.Authorization.ToString()));
        var answer = $"Local answer to: {prompt}";
        if (!stream)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JsonObject
            {
                ["id"] = "chatcmpl-1",
                ["object"] = "chat.completion",
                ["created"] = 1_700_000_000,
                ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = answer },
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 5, ["completion_tokens"] = 4, ["total_tokens"] = 9 },
            }.ToJsonString());
            return;
        }

        context.Response.ContentType = "text/event-stream";
        foreach (var (delta, finish) in new[] { (answer[..(answer.Length / 2)], (string?)null), (answer[(answer.Length / 2)..], null), (string.Empty, "stop") })
        {
            var chunk = new JsonObject
            {
                ["id"] = "chatcmpl-1",
                ["object"] = "chat.completion.chunk",
                ["created"] = 1_700_000_000,
                ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["delta"] = delta.Length > 0 ? new JsonObject { ["content"] = delta } : new JsonObject(),
                    ["finish_reason"] = finish,
                }),
            };
            await context.Response.WriteAsync($"data: {chunk.ToJsonString()}\n\n");
            await context.Response.Body.FlushAsync();
        }

        await context.Response.WriteAsync("data: [DONE]\n\n");
    }
}
