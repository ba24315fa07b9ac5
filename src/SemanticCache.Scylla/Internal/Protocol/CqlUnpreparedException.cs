namespace SemanticCache.Scylla;

/// <summary>An Unprepared ERROR (0x2500): the node does not know the prepared id, which must be prepared again.</summary>
internal sealed class CqlUnpreparedException : ScyllaServerException
{
    /// <summary>Initializes a new instance of the <see cref="CqlUnpreparedException"/> class.</summary>
    /// <param name="serverMessage">The server's message.</param>
    /// <param name="unknownId">The unknown prepared id.</param>
    public CqlUnpreparedException(string serverMessage, byte[] unknownId)
        : base(ScyllaErrorCode.Unprepared, serverMessage, $"id {Convert.ToHexStringLower(unknownId)}")
    {
        UnknownId = unknownId;
    }

    /// <summary>Gets the prepared id the node did not know.</summary>
    public byte[] UnknownId { get; }
}
