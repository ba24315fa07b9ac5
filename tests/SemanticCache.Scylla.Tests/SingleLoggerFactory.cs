using Microsoft.Extensions.Logging;

namespace SemanticCache.Scylla.Tests;

/// <summary>A logger factory that hands out one logger for every category, to collect all of a component's logs.</summary>
internal sealed class SingleLoggerFactory : ILoggerFactory
{
    private readonly ILogger _logger;

    public SingleLoggerFactory(ILogger logger)
    {
        _logger = logger;
    }

    public ILogger CreateLogger(string categoryName) => _logger;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}
