using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SemanticCache.Scylla;

namespace SemanticCache.Agent.Tests;

public sealed class ScyllaStoreWiringTests
{
    [Fact]
    public void Use_EveryScyllaOption_ReachesTheStoreOptions()
    {
        var services = new ServiceCollection();
        var caFile = Path.GetTempFileName();
        var settings = Settings(
            ["--scylla-contact-points", "node-0.example,node-1.example", "--scylla-port", "9142", "--scylla-user", "app",
             "--scylla-password", "pw", "--scylla-keyspace", "ks", "--scylla-table", "tb", "--scylla-pool-size", "3",
             "--scylla-max-requests-per-connection", "64", "--scylla-tls", "--scylla-tls-ca-file", caFile,
             "--scylla-tls-server-name", "cluster.example", "--scylla-tls-skip-hostname-validation", "--similarity-function", "dot_product"]);

        var name = ScyllaStoreWiring.Use(services.AddSemanticCache(), settings, () => 384);
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<ScyllaSemanticCacheStoreOptions>>().Value;
        File.Delete(caFile);

        Assert.Equal("ScyllaDB at node-0.example,node-1.example:9142 (TLS)", name);
        Assert.Equal(["node-0.example", "node-1.example"], options.ContactPoints);
        Assert.Equal((9142, "app", "pw", "ks", "tb"), (options.Port, options.Username, options.Password, options.Keyspace, options.Table));
        Assert.Equal((3, 64, 384), (options.ConnectionsPerHost, options.MaxRequestsPerConnection, options.Dimensions));
        Assert.Equal((true, caFile, "cluster.example", false), (options.UseTls, options.TlsCaCertificatePath, options.TlsServerName, options.TlsValidateHostName));
        Assert.Equal(ScyllaSimilarityFunction.DotProduct, options.SimilarityFunction);
    }

    [Fact]
    public void Use_OptionalValuesNotGiven_KeepsTheStoreDefaults()
    {
        var services = new ServiceCollection();
        var defaults = new ScyllaSemanticCacheStoreOptions();

        ScyllaStoreWiring.Use(services.AddSemanticCache(), Settings([]), () => 384);
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<ScyllaSemanticCacheStoreOptions>>().Value;

        Assert.Equal((defaults.Keyspace, defaults.Table), (options.Keyspace, options.Table));
        Assert.Equal((defaults.ConnectionsPerHost, defaults.MaxRequestsPerConnection), (options.ConnectionsPerHost, options.MaxRequestsPerConnection));
        Assert.Equal(["127.0.0.1"], options.ContactPoints);
        Assert.Equal(("scylla", string.Empty, false), (options.Username, options.Password, options.UseTls));
    }

    private static AgentSettings Settings(string[] args)
    {
        var commandLine = new AgentCommandLine();
        return AgentSettingsResolver.Resolve(commandLine, commandLine.Parse(["-p", "x", "--with-cache", "scylla", .. args]), _ => null);
    }
}
