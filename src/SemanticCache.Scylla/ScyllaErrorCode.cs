namespace SemanticCache.Scylla;

/// <summary>The error codes a CQL server returns in an ERROR message (native protocol v4 §9).</summary>
public enum ScyllaErrorCode
{
    /// <summary>Something unexpected happened on the server (a server-side bug).</summary>
    ServerError = 0x0000,

    /// <summary>A client message violated the protocol.</summary>
    ProtocolError = 0x000A,

    /// <summary>Authentication was required and failed.</summary>
    AuthenticationError = 0x0100,

    /// <summary>Not enough replicas were alive to satisfy the consistency level.</summary>
    Unavailable = 0x1000,

    /// <summary>The coordinator is overloaded.</summary>
    Overloaded = 0x1001,

    /// <summary>The coordinator is bootstrapping.</summary>
    IsBootstrapping = 0x1002,

    /// <summary>A truncation failed.</summary>
    TruncateError = 0x1003,

    /// <summary>A write timed out on the replicas.</summary>
    WriteTimeout = 0x1100,

    /// <summary>A read timed out on the replicas.</summary>
    ReadTimeout = 0x1200,

    /// <summary>A read failed on the replicas for a reason other than a timeout.</summary>
    ReadFailure = 0x1300,

    /// <summary>A user-defined function failed.</summary>
    FunctionFailure = 0x1400,

    /// <summary>A write failed on the replicas for a reason other than a timeout.</summary>
    WriteFailure = 0x1500,

    /// <summary>The statement has a syntax error.</summary>
    SyntaxError = 0x2000,

    /// <summary>The user may not perform the statement.</summary>
    Unauthorized = 0x2100,

    /// <summary>The statement is syntactically correct but invalid (every vector-search error uses this code).</summary>
    Invalid = 0x2200,

    /// <summary>The statement is invalid because of a configuration issue.</summary>
    ConfigError = 0x2300,

    /// <summary>The keyspace or table being created already exists.</summary>
    AlreadyExists = 0x2400,

    /// <summary>The prepared statement id is not known by the node (for example after a restart).</summary>
    Unprepared = 0x2500,
}
