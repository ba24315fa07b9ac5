using System.Globalization;
using Microsoft.Extensions.AI;

namespace SemanticCache.Agent;

/// <summary>Answers the prompts of the command line, then (with <c>--interactive</c>) those typed in, reporting how each was served.</summary>
internal sealed class AgentSession
{
    private readonly AgentSettings _settings;
    private readonly IChatClient _client;
    private readonly ISemanticCache? _cache;
    private readonly AgentReporter _reporter;
    private readonly TimeProvider _timeProvider;
    private readonly string _answerLabel;

    /// <summary>Initializes a new instance of the <see cref="AgentSession"/> class.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="client">The client to ask: the caching client, or the model client when there is no cache.</param>
    /// <param name="cache">The cache behind <paramref name="client"/>, or <see langword="null"/>.</param>
    /// <param name="reporter">Where the session prints.</param>
    /// <param name="timeProvider">Measures latencies.</param>
    public AgentSession(AgentSettings settings, IChatClient client, ISemanticCache? cache, AgentReporter reporter, TimeProvider timeProvider)
    {
        _settings = settings;
        _client = client;
        _cache = cache;
        _reporter = reporter;
        _timeProvider = timeProvider;
        _answerLabel = ChatClientFactory.AnswerLabel(settings.Provider.Value);
    }

    /// <summary>Runs the session.</summary>
    /// <param name="input">Where the interactive mode reads prompts.</param>
    /// <param name="cancellationToken">Stops the session.</param>
    /// <returns><see cref="AgentApplication.Success"/> when every request was answered, else <see cref="AgentApplication.Failure"/>.</returns>
    public async Task<int> RunAsync(TextReader input, CancellationToken cancellationToken)
    {
        var failures = 0;
        foreach (var prompt in _settings.Prompts)
        {
            // Each command-line prompt is a conversation of its own, as in the seed.
            if (await AskAsync([new ChatMessage(ChatRole.User, prompt)], echo: true, cancellationToken) is null)
            {
                failures++;
            }
        }

        if (_settings.Interactive)
        {
            failures += await ChatAsync(input, cancellationToken);
        }

        if (_cache is not null && (_settings.Interactive || _settings.Prompts.Count > 1))
        {
            _reporter.Statistics(_cache.GetStatistics());
        }

        return failures == 0 ? AgentApplication.Success : AgentApplication.Failure;
    }

    private async Task<int> ChatAsync(TextReader input, CancellationToken cancellationToken)
    {
        var failures = 0;
        var window = new ConversationWindow(_settings.History);
        _reporter.Info($"Interactive mode: the last {_settings.History.Value} messages are sent with each prompt. "
            + "/new starts a new conversation, /stats shows the cache's numbers, /exit leaves.");
        while (true)
        {
            _reporter.AskForInput();
            // Console input blocks inside ReadLineAsync and ignores the token, so the read runs aside and Ctrl+C abandons the wait.
            var line = await Task.Run(input.ReadLine, CancellationToken.None).WaitAsync(cancellationToken);
            if (line is null)
            {
                break;
            }

            line = line.Trim();
            switch (line.ToLowerInvariant())
            {
                case "":
                    continue;
                case "/exit" or "/quit":
                    return failures;
                case "/new":
                    window.Clear();
                    _reporter.Success("New conversation");
                    continue;
                case "/stats":
                    if (_cache is null)
                    {
                        _reporter.Info("No cache in this session.");
                    }
                    else
                    {
                        _reporter.Statistics(_cache.GetStatistics());
                    }

                    continue;
                case "/help":
                    _reporter.Info("/new starts a new conversation, /stats shows the cache's numbers, /exit leaves.");
                    continue;
            }

            window.AddUser(line);
            if (await AskAsync(window.Messages, echo: false, cancellationToken) is { } response)
            {
                window.AddAnswer(response.Messages);
            }
            else
            {
                window.DropLastUser();
                failures++;
            }
        }

        return failures;
    }

    /// <summary>Sends one request and reports how it was served.</summary>
    /// <returns>The response, or <see langword="null"/> when the request failed.</returns>
    private async Task<ChatResponse?> AskAsync(IReadOnlyList<ChatMessage> messages, bool echo, CancellationToken cancellationToken)
    {
        if (echo)
        {
            _reporter.Prompt(messages[^1].Text);
        }

        var options = new ChatOptions { MaxOutputTokens = _settings.MaxTokens };
        var before = _cache?.GetStatistics();
        var started = _timeProvider.GetTimestamp();
        ChatResponse response;
        SemanticCacheHit? hit;
        try
        {
            if (_settings.Stream)
            {
                (response, hit) = await StreamAsync(messages, options, cancellationToken);
            }
            else
            {
                response = await _reporter.StatusAsync(
                    _cache is null ? $"Querying {_settings.Model.Value} (caching disabled)..." : "Checking cache...",
                    () => _client.GetResponseAsync(messages, options, cancellationToken));
                hit = response.GetSemanticCacheHit();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _reporter.Failure($"Request failed: {e.Message}");
            return null;
        }

        var elapsed = _timeProvider.GetElapsedTime(started);
        ReportOutcome(response, hit, before, _cache?.GetStatistics(), elapsed);
        if (!_settings.Stream)
        {
            _reporter.Answer(_answerLabel, response.Text);
        }

        return response;
    }

    private async Task<(ChatResponse Response, SemanticCacheHit? Hit)> StreamAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken)
    {
        var updates = new List<ChatResponseUpdate>();
        SemanticCacheHit? hit = null;
        _reporter.BeginAnswer(_answerLabel);
        try
        {
            await foreach (var update in _client.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                updates.Add(update);
                hit ??= update.GetSemanticCacheHit();
                if (update.Text.Length > 0)
                {
                    _reporter.AnswerPiece(update.Text);
                }
            }
        }
        finally
        {
            _reporter.AnswerPiece(Environment.NewLine);
            _reporter.EndAnswer();
        }

        return (updates.ToChatResponse(), hit);
    }

    private void ReportOutcome(ChatResponse response, SemanticCacheHit? hit, SemanticCacheStatistics? before, SemanticCacheStatistics? after, TimeSpan elapsed)
    {
        var latency = AgentReporter.Milliseconds(elapsed);
        if (hit is not null)
        {
            _reporter.Success(string.Create(
                CultureInfo.InvariantCulture,
                $"Cache hit! ({hit.Kind.ToString().ToLowerInvariant()} match, {Tier(hit.Tier)}, similarity {hit.Similarity:F4}, cached {Age(hit.EntryAge)} ago) in {latency}"));
            return;
        }

        var answeredBy = $"answered by {response.ModelId ?? _settings.Model.Value} in {latency}{Tokens(response.Usage)}";
        if (before is null || after is null)
        {
            _reporter.Success($"Answered by {response.ModelId ?? _settings.Model.Value} in {latency}{Tokens(response.Usage)}");
            return;
        }

        if (Delta(before, after, SemanticCacheLookupResult.Error) + Delta(before, after, SemanticCacheLookupResult.Timeout) > 0)
        {
            _reporter.Failure($"Cache lookup failed - {answeredBy}");
        }
        else if (Delta(before, after, SemanticCacheLookupResult.Bypass) > 0)
        {
            _reporter.Miss($"Cache bypassed - {answeredBy}");
        }
        else
        {
            _reporter.Miss($"Cache miss - {answeredBy}");
        }

        if (after.EntriesWritten > before.EntriesWritten)
        {
            _reporter.Success(_settings.TimeToLive.Value is { } ttl
                ? string.Create(CultureInfo.InvariantCulture, $"Response cached (TTL: {ttl.TotalSeconds:0}s)")
                : "Response cached (no expiry)");
        }
        else if (after.WriteFailures > before.WriteFailures || after.WritesDropped > before.WritesDropped)
        {
            _reporter.Failure("Response not cached: the store could not save it");
        }
        else
        {
            _reporter.Info($"Response not cached (finish reason {response.FinishReason?.Value ?? "none"} is not cacheable)");
        }
    }

    private static long Delta(SemanticCacheStatistics before, SemanticCacheStatistics after, SemanticCacheLookupResult result) =>
        after.Count(result) - before.Count(result);

    private static string Tier(SemanticCacheTier tier) => tier switch
    {
        SemanticCacheTier.L1 => "L1 tier",
        SemanticCacheTier.Store => "store tier",
        SemanticCacheTier.Flight => "in-flight request",
        _ => tier.ToString(),
    };

    private static string Age(TimeSpan age) => age.TotalSeconds < 60
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, age.TotalSeconds):0}s")
        : age.TotalMinutes < 60
            ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalMinutes:0}m")
            : string.Create(CultureInfo.InvariantCulture, $"{age.TotalHours:0.#}h");

    private static string Tokens(UsageDetails? usage) => usage is { InputTokenCount: { } input, OutputTokenCount: { } output }
        ? string.Create(CultureInfo.InvariantCulture, $" ({input} in, {output} out tokens)")
        : string.Empty;
}
