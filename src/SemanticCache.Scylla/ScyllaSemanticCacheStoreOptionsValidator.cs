using System.Globalization;
using Microsoft.Extensions.Options;

namespace SemanticCache.Scylla;

/// <summary>Validates <see cref="ScyllaSemanticCacheStoreOptions"/>; used by dependency injection (on start) and by the store's constructor.</summary>
/// <remarks>Thread-safe and stateless.</remarks>
public sealed class ScyllaSemanticCacheStoreOptionsValidator : IValidateOptions<ScyllaSemanticCacheStoreOptions>
{
    /// <summary>The largest vector dimension ScyllaDB accepts.</summary>
    public const int MaxDimensions = 16000;

    /// <summary>The longest table name accepted, leaving room for the suffixes of the lookup table and index names.</summary>
    public const int MaxTableNameLength = 32;

    /// <summary>The longest keyspace name accepted.</summary>
    public const int MaxKeyspaceNameLength = 48;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ScyllaSemanticCacheStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ContactPoints is null || options.ContactPoints.Count == 0)
        {
            failures.Add("ContactPoints must name at least one host.");
        }
        else
        {
            foreach (string contactPoint in options.ContactPoints)
            {
                if (!ContactPointParser.TryParse(contactPoint, options.Port, out _, out _))
                {
                    failures.Add($"ContactPoints contains '{contactPoint}', which is not 'host' or 'host:port' with a port from 1 to 65535.");
                }
            }
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"Port must be from 1 to 65535 (was {options.Port}).");
        }

        if (options.Password is not null && string.IsNullOrEmpty(options.Username))
        {
            failures.Add("Password is set but Username is not.");
        }

        if (!CqlIdentifier.IsValid(options.Keyspace, MaxKeyspaceNameLength))
        {
            failures.Add($"Keyspace '{options.Keyspace}' must be 1-{MaxKeyspaceNameLength} lower-case letters, digits or underscores, starting with a letter, and not a reserved CQL keyword.");
        }

        if (!CqlIdentifier.IsValid(options.Table, MaxTableNameLength))
        {
            failures.Add($"Table '{options.Table}' must be 1-{MaxTableNameLength} lower-case letters, digits or underscores, starting with a letter, and not a reserved CQL keyword (such as entries).");
        }

        if (options.Dimensions is < 1 or > MaxDimensions)
        {
            failures.Add($"Dimensions must be from 1 to {MaxDimensions} (was {options.Dimensions}); set it to the embedding model's output size (UseScylla takes it from an embedding generator that reports DefaultModelDimensions).");
        }

        if (options.Dimensions == 1 && options.SimilarityFunction == ScyllaSimilarityFunction.Cosine)
        {
            failures.Add("Cosine similarity needs at least 2 dimensions.");
        }

        CheckDefined(options.Dialect, nameof(options.Dialect), failures);
        CheckDefined(options.SimilarityFunction, nameof(options.SimilarityFunction), failures);
        if (options.ReplicationStrategy is { } strategy)
        {
            CheckDefined(strategy, nameof(options.ReplicationStrategy), failures);
        }

        if (options.ReplicationFactor < 1)
        {
            failures.Add($"ReplicationFactor must be at least 1 (was {options.ReplicationFactor}).");
        }

        if (options.DataCenterReplicationFactors is { Count: > 0 } dataCenters)
        {
            if (options.ReplicationStrategy == ScyllaReplicationStrategy.SimpleStrategy)
            {
                failures.Add("DataCenterReplicationFactors needs ReplicationStrategy NetworkTopologyStrategy.");
            }

            foreach (var (dataCenter, factor) in dataCenters)
            {
                if (string.IsNullOrEmpty(dataCenter) || dataCenter.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')))
                {
                    failures.Add($"DataCenterReplicationFactors has the invalid data center name '{dataCenter}'.");
                }

                if (factor < 0)
                {
                    failures.Add($"DataCenterReplicationFactors['{dataCenter}'] must not be negative.");
                }
            }
        }

        CheckConsistency(options.ReadConsistency, nameof(options.ReadConsistency), read: true, failures);
        CheckConsistency(options.SearchConsistency, nameof(options.SearchConsistency), read: true, failures);
        CheckConsistency(options.WriteConsistency, nameof(options.WriteConsistency), read: false, failures);
        CheckRange(options.SearchOversampling, 1, 1000, nameof(options.SearchOversampling), failures);
        CheckRange(options.PageSize, 1, 100_000, nameof(options.PageSize), failures);
        CheckRange(options.ConnectionsPerHost, 1, 1024, nameof(options.ConnectionsPerHost), failures);
        CheckRange(options.MaxRequestsPerConnection, 1, 32768, nameof(options.MaxRequestsPerConnection), failures);
        CheckPositive(options.ConnectTimeout, nameof(options.ConnectTimeout), failures);
        CheckPositive(options.RequestTimeout, nameof(options.RequestTimeout), failures);
        CheckPositive(options.ReconnectionDelay, nameof(options.ReconnectionDelay), failures);
        if (options.IndexReadyTimeout < TimeSpan.Zero)
        {
            failures.Add("IndexReadyTimeout must not be negative.");
        }

        if (options.SchemaAgreementTimeout < TimeSpan.Zero)
        {
            failures.Add("SchemaAgreementTimeout must not be negative.");
        }

        if (options.TlsCaCertificatePath is { } caPath && !File.Exists(caPath))
        {
            failures.Add($"TlsCaCertificatePath '{caPath}' does not exist.");
        }

        bool usesTlsSettings = options.TlsCaCertificatePath is not null || options.TlsCaCertificates is not null
            || options.TlsClientCertificate is not null || options.TlsServerName is not null || options.TlsCertificateValidation is not null;
        if (usesTlsSettings && !options.UseTls)
        {
            failures.Add("TLS settings are set but UseTls is false.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckDefined<TEnum>(TEnum value, string name, List<string> failures)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            failures.Add($"{name} has the undefined value {value}.");
        }
    }

    private static void CheckConsistency(ScyllaConsistency value, string name, bool read, List<string> failures)
    {
        if (!Enum.IsDefined(value))
        {
            failures.Add($"{name} has the undefined value {value}.");
        }
        else if (read && value == ScyllaConsistency.Any)
        {
            failures.Add($"{name} cannot be Any, which is for writes only.");
        }
        else if (!read && value is ScyllaConsistency.Serial or ScyllaConsistency.LocalSerial)
        {
            failures.Add($"{name} cannot be {value}, which is a serial consistency.");
        }
    }

    private static void CheckRange(int value, int min, int max, string name, List<string> failures)
    {
        if (value < min || value > max)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be from {min} to {max} (was {value})."));
        }
    }

    private static void CheckPositive(TimeSpan value, string name, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{name} must be positive.");
        }
    }
}
