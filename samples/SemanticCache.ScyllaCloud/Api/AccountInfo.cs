namespace SemanticCache.ScyllaCloud;

/// <summary>The <c>data</c> of <c>GET /account/default</c>; only the id is needed for logic, the rest is shown raw.</summary>
internal sealed class AccountInfo
{
    public long AccountId { get; set; }
}
