using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace SemanticCache.Agent;

/// <summary>The agent from command line to exit code.</summary>
internal static class AgentApplication
{
    /// <summary>The exit code of a run whose requests were all answered.</summary>
    public const int Success = 0;

    /// <summary>
    /// The exit code of a run that could not start (a malformed option, a missing API key) or in which a request failed,
    /// as in the other samples.
    /// </summary>
    public const int Failure = 1;

    /// <summary>The exit code of a run stopped with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    /// <summary>Runs the agent.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="host">The console, environment, input and clock to use.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, AgentHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(host);
        var commandLine = new AgentCommandLine();
        var exitCode = Success;
        commandLine.Root.SetAction(async (parseResult, token) =>
        {
            try
            {
                exitCode = await RunAgentAsync(commandLine, parseResult, host, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                host.Console.WriteLine();
                new AgentReporter(host.ErrorConsole, new SecretRedactor([])).Failure("Cancelled.");
                exitCode = Cancelled;
            }
        });
        var parseResult = commandLine.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            var reporter = new AgentReporter(host.ErrorConsole, new SecretRedactor([]));
            foreach (var error in parseResult.Errors)
            {
                reporter.Failure(error.Message);
            }

            reporter.Info("Run with --help to see every option.");
            return Failure;
        }

        var writer = host.Console.Profile.Out.Writer;
        // The caller owns Ctrl+C (see Program.cs), so System.CommandLine installs no handler of its own.
        var code = await parseResult.InvokeAsync(
            new InvocationConfiguration { Output = writer, Error = writer, ProcessTerminationTimeout = null }, cancellationToken);
        return code != 0 ? code : exitCode;
    }

    private static async Task<int> RunAgentAsync(AgentCommandLine commandLine, ParseResult parseResult, AgentHost host, CancellationToken cancellationToken)
    {
        AgentSettings settings;
        try
        {
            settings = AgentSettingsResolver.Resolve(commandLine, parseResult, host.GetEnvironmentVariable);
        }
        catch (AgentUsageException e)
        {
            new AgentReporter(host.ErrorConsole, new SecretRedactor([])).Failure(e.Message);
            return Failure;
        }

        var reporter = new AgentReporter(host.Console, new SecretRedactor(settings.Secrets));
        if (settings.ShowConfig)
        {
            reporter.Table("Configuration", AgentSettingsTable.Rows(settings));
        }

        // The only condition that stops the agent before it starts: without a key no request can succeed.
        if (ChatClientFactory.MissingCredential(settings) is { } missing)
        {
            new AgentReporter(host.ErrorConsole, new SecretRedactor(settings.Secrets)).Failure(missing);
            return Failure;
        }

        var threshold = settings.Cache.Value == CacheBackend.None
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $" (threshold {settings.SimilarityThreshold.Value:0.###})");
        reporter.Header($"SemanticCache agent: {settings.Provider.Value.ToString().ToLowerInvariant()} {settings.Model.Value}, "
            + $"cache {settings.Cache.Value.ToString().ToLowerInvariant()}{threshold}");

        using var modelClient = ChatClientFactory.Create(settings);
        var cache = settings.Cache.Value == CacheBackend.None
            ? null
            : await AgentCacheFactory.TryCreateAsync(settings, modelClient, reporter, cancellationToken);
        try
        {
            var session = new AgentSession(settings, cache?.Client ?? modelClient, cache?.Cache, reporter, host.TimeProvider);
            return await session.RunAsync(host.Input, cancellationToken);
        }
        finally
        {
            if (cache is not null)
            {
                await cache.DisposeAsync();
            }
        }
    }
}
