namespace SemanticCache.Scylla.Tests;

internal sealed class PeerTable
{
    public PeerTable(string keyspace, string name)
    {
        Keyspace = keyspace;
        Name = name;
    }

    public string Keyspace { get; }

    public string Name { get; }

    public List<PeerColumn> Columns { get; } = [];

    public List<string> PartitionKey { get; } = [];

    public List<string> ClusteringKey { get; } = [];

    public IEnumerable<string> PrimaryKey => PartitionKey.Concat(ClusteringKey);

    public Dictionary<string, PeerIndex> Indexes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, PeerRow> Rows { get; } = new(StringComparer.Ordinal);

    public PeerColumn Column(string name) =>
        Columns.FirstOrDefault(c => c.Name == name) ?? throw new PeerException(0x2200, $"Undefined column name {name} in table {Keyspace}.{Name}");
}
