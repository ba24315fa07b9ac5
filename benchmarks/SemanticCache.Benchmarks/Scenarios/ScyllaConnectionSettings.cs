using System.Globalization;
using SemanticCache.Scylla;

namespace SemanticCache.Benchmarks;

/// <summary>
/// The Scylla connection of the scenario benchmark: either a plain list of contact points (<c>host[:port],...</c>) or a
/// <see cref="ScyllaConnectionString"/> (the <c>SEMANTICCACHE_TEST_SCYLLA</c> format of the Scylla test suite). The
/// keyspace is always <see cref="ScenarioBackends.Schema"/>, whatever the settings say, so production data is never touched.
/// </summary>
public sealed class ScyllaConnectionSettings
{
    private readonly ScyllaConnectionString _connection;

    private ScyllaConnectionSettings(ScyllaConnectionString connection) => _connection = connection;

    public IReadOnlyList<string> ContactPoints => _connection.ContactPoints;

    public static ScyllaConnectionSettings Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var connectionString = text.Contains('=', StringComparison.Ordinal) ? text : "contact_points=" + text.Trim();
        try
        {
            return new ScyllaConnectionSettings(ScyllaConnectionString.Parse(connectionString));
        }
        catch (FormatException ex)
        {
            throw new BenchmarkSetupException(ex.Message + " The short form is a plain list: host[:port][,host[:port]...].", ex);
        }
    }

    public ScyllaSemanticCacheStoreOptions CreateOptions(int dimensions)
    {
        var options = new ScyllaSemanticCacheStoreOptions { IndexReadyTimeout = TimeSpan.FromSeconds(30) };
        try
        {
            _connection.ApplyTo(options);
        }
        catch (FormatException ex)
        {
            throw new BenchmarkSetupException(ex.Message, ex);
        }

        options.Keyspace = ScenarioBackends.Schema;
        options.Table = ScenarioBackends.TablePrefix + dimensions.ToString(CultureInfo.InvariantCulture);
        options.Dimensions = dimensions;
        return options;
    }
}
