using System.Net;

namespace SemanticCache.Agent.Tests;

/// <summary>The agent end to end, in-process, against the loopback Messages API.</summary>
public sealed partial class AgentApplicationTests
{
    [Fact]
    public async Task RunAsync_NoCache_AnswersThroughTheMessagesApi()
    {
        await using var server = await AnthropicMessagesServer.StartAsync();

        var result = await AgentRunner.RunAsync(AgentRunner.Against(server, "--with-cache", "none", "-p", "What is the capital of France?"));

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(server.Violations);
        var request = Assert.Single(server.Requests);
        Assert.Equal("claude-test-model", request.Model);
        Assert.False(request.Stream);
        Assert.Equal(1024, request.MaxTokens);
        Assert.Equal([("user", "What is the capital of France?")], request.Messages);
        Assert.Contains("Answer to: What is the capital of France?", result.Output, StringComparison.Ordinal);
        Assert.Contains("✓ Answered by claude-test-model in ", result.Output, StringComparison.Ordinal);
        Assert.Contains("Claude's response", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoCacheStreaming_PrintsTheStreamedAnswer()
    {
        await using var server = await AnthropicMessagesServer.StartAsync();
        server.Answer = _ => "Paris is the capital of France.";

        var result = await AgentRunner.RunAsync(AgentRunner.Against(server, "--with-cache", "none", "--stream", "-p", "Capital of France?"));

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(server.Violations);
        Assert.True(Assert.Single(server.Requests).Stream);
        Assert.Contains("Paris is the capital of France.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoCache_InitialisesNoModelAndNoDatabase()
    {
        // Both would be reported if they were touched: a model folder that does not exist and a database port nothing listens on.
        await using var server = await AnthropicMessagesServer.StartAsync();
        var missingModel = Path.Combine(Path.GetTempPath(), $"no-model-{Guid.NewGuid():N}");

        var result = await AgentRunner.RunAsync(AgentRunner.Against(
            server, "--with-cache", "none", "--embedding-model", missingModel, "--postgres-port", "1", "-p", "hi"));

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("✗", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Loading embedding model", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Connecting to", result.Output, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task RunAsync_NoApiKey_FailsFastWithoutARequest()
    {
        await using var server = await AnthropicMessagesServer.StartAsync();

        var result = await AgentRunner.RunAsync(["--endpoint", server.BaseAddress.ToString(), "--with-cache", "none", "-p", "hi"]);

        Assert.Equal(AgentApplication.Failure, result.ExitCode);
        Assert.Contains("✗ No Anthropic API key: pass --anthropic-api-key or set ANTHROPIC_API_KEY.", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task RunAsync_ApiKeyFromTheEnvironment_IsSent()
    {
        await using var server = await AnthropicMessagesServer.StartAsync();

        var result = await AgentRunner.RunAsync(
            ["--with-cache", "none", "-p", "hi"],
            new Dictionary<string, string>
            {
                ["ANTHROPIC_API_KEY"] = AnthropicMessagesServer.ApiKey,
                ["ANTHROPIC_BASE_URL"] = server.BaseAddress.ToString(),
                ["ANTHROPIC_MODEL"] = "claude-env-model",
            });

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(server.Violations);
        Assert.Equal("claude-env-model", Assert.Single(server.Requests).Model);
    }

    [Fact]
    public async Task RunAsync_ServerError_ReportsTheFailureAndExitsWithOne()
    {
        await using var server = await AnthropicMessagesServer.StartAsync();
        server.FailWith = HttpStatusCode.BadRequest;

        var result = await AgentRunner.RunAsync(AgentRunner.Against(server, "--with-cache", "none", "-p", "hi"));

        Assert.Equal(AgentApplication.Failure, result.ExitCode);
        Assert.Contains("✗ Request failed:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Secrets_AreNeverPrinted()
    {
        await using var server = await AnthropicMessagesServer.StartAsync();
        server.FailWith = HttpStatusCode.BadRequest;
        server.Answer = _ => $"echo {AnthropicMessagesServer.ApiKey}";

        var result = await AgentRunner.RunAsync(AgentRunner.Against(
            server, "--with-cache", "pgvector", "--show-config", "--postgres-port", "1", "--postgres-password", "pg-secret-771",
            "--scylla-password", "scylla-secret-772", "--embedding-model", "/nonexistent/model", "-p", "hi"));

        Assert.Contains("set (hidden)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(AnthropicMessagesServer.ApiKey, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("pg-secret-771", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("scylla-secret-772", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AnswerEchoingTheKey_IsPrintedMasked()
    {
        await using var server = await AnthropicMessagesServer.StartAsync();
        server.Answer = _ => $"your key is {AnthropicMessagesServer.ApiKey}";

        var result = await AgentRunner.RunAsync(AgentRunner.Against(server, "--with-cache", "none", "-p", "hi"));

        Assert.Contains("your key is ***", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(AnthropicMessagesServer.ApiKey, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CacheThatCannotStart_WarnsAndAnswersWithoutIt()
    {
        await using var server = await AnthropicMessagesServer.StartAsync();
        var missingModel = Path.Combine(Path.GetTempPath(), $"no-model-{Guid.NewGuid():N}");

        var result = await AgentRunner.RunAsync(AgentRunner.Against(server, "--with-cache", "memory", "--embedding-model", missingModel, "-p", "hi"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("✗ Cache unavailable: could not", result.Output, StringComparison.Ordinal);
        Assert.Contains("Continuing without the cache.", result.Output, StringComparison.Ordinal);
        Assert.Contains("Answer to: hi", result.Output, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task RunAsync_MalformedOption_FailsOnStandardError()
    {
        var result = await AgentRunner.RunAsync(["--with-cache", "redis", "-p", "hi"]);

        Assert.Equal(AgentApplication.Failure, result.ExitCode);
        Assert.Contains("redis", result.Error, StringComparison.Ordinal);
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Help_DocumentsEveryOptionWithItsVariableAndDefault()
    {
        var result = await AgentRunner.RunAsync(["--help"]);

        Assert.Equal(0, result.ExitCode);
        var commandLine = new AgentCommandLine();
        foreach (var option in commandLine.Root.Options.Where(o => o.Name is not ("--help" or "--version" or "--prompt")))
        {
            Assert.Contains(option.Name, result.Output, StringComparison.Ordinal);
            Assert.Contains("[env: ", option.Description, StringComparison.Ordinal);
            Assert.Contains("[default: ", option.Description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_Interactive_KeepsTheConversationAndStartsANewOne()
    {
        await using var server = await AnthropicMessagesServer.StartAsync();

        var result = await AgentRunner.RunAsync(
            AgentRunner.Against(server, "--with-cache", "none", "--interactive"),
            input: "first question\nsecond question\n/new\nthird question\n/exit\nnever sent\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(server.Violations);
        var requests = server.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Equal([("user", "first question")], requests[0].Messages);
        Assert.Equal([("user", "first question"), ("assistant", "Answer to: first question"), ("user", "second question")], requests[1].Messages);
        Assert.Equal([("user", "third question")], requests[2].Messages);
    }

    [Fact]
    public async Task RunAsync_InteractiveWithSmallHistory_SendsOnlyTheWindow()
    {
        await using var server = await AnthropicMessagesServer.StartAsync();

        await AgentRunner.RunAsync(
            AgentRunner.Against(server, "--with-cache", "none", "--interactive", "--history", "3"),
            input: "one\ntwo\nthree\n");

        var last = server.Requests[^1];
        Assert.Equal([("user", "two"), ("assistant", "Answer to: two"), ("user", "three")], last.Messages);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_OpenAIProviderAtALocalEndpoint_AnswersWithoutAKey(bool stream)
    {
        await using var server = await OpenAIChatServer.StartAsync();
        string[] args = ["--provider", "openai", "--endpoint", server.BaseAddress.ToString(), "--model", "local-model", "--with-cache", "none", "-p", "hello there"];

        var result = await AgentRunner.RunAsync(stream ? [.. args, "--stream"] : args);

        Assert.Equal(0, result.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("local-model", "hello there", stream), (request.Model, request.Prompt, request.Stream));
        Assert.Equal($"Bearer {ChatClientFactory.KeylessServerKey}", request.Authorization);
        Assert.Contains("Local answer to: hello there", result.Output, StringComparison.Ordinal);
        Assert.Contains("Model response", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OpenAIKeyFromTheEnvironment_IsSent()
    {
        await using var server = await OpenAIChatServer.StartAsync();

        var result = await AgentRunner.RunAsync(
            ["--provider", "openai", "--with-cache", "none", "-p", "hi"],
            new Dictionary<string, string>
            {
                ["OPENAI_BASE_URL"] = server.BaseAddress.ToString(),
                ["OPENAI_MODEL"] = "env-model",
                ["OPENAI_API_KEY"] = "sk-openai-env-key",
            });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(("env-model", "Bearer sk-openai-env-key"), (Assert.Single(server.Requests).Model, server.Requests[0].Authorization));
        Assert.DoesNotContain("sk-openai-env-key", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ShowConfig_TellsWhereEachValueCameFrom()
    {
        await using var server = await AnthropicMessagesServer.StartAsync();

        var result = await AgentRunner.RunAsync(
            ["--endpoint", server.BaseAddress.ToString(), "--with-cache", "none", "--show-config", "--history", "7", "-p", "hi"],
            new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = AnthropicMessagesServer.ApiKey, ["ANTHROPIC_MODEL"] = "claude-env-model" });

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"│ history\s+│ 7\s+│ command line\s+│", result.Output);
        Assert.Matches(@"│ model\s+│ claude-env-model\s+│ environment\s+│", result.Output);
        Assert.Matches(@"│ max-tokens\s+│ 1024\s+│ default\s+│", result.Output);
        Assert.Matches(@"│ api key\s+│ set \(hidden\)\s+│ environment\s+│", result.Output);
    }
}
