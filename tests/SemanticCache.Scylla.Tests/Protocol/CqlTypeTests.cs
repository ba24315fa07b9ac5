namespace SemanticCache.Scylla.Tests;

public sealed class CqlTypeTests
{
    [Theory]
    [InlineData("org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType, 384)", 384)]
    [InlineData("org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType,3)", 3)]
    [InlineData("VectorType(FloatType, 16000)", 16000)]
    public void FromCustomClassName_FloatVector_RecognisesElementAndDimension(string className, int dimension)
    {
        var type = CqlType.FromCustomClassName(className);

        Assert.True(type.IsVector);
        Assert.Equal(CqlTypeCode.Custom, type.Code);
        Assert.Equal(dimension, type.VectorDimension);
        Assert.Equal(CqlTypeCode.Float, type.Parameters[0].Code);
        Assert.Equal(className, type.CustomClassName);
    }

    [Fact]
    public void FromCustomClassName_NestedFrozenCollectionElement_IsUnwrapped()
    {
        var type = CqlType.FromCustomClassName(
            "org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FrozenType(org.apache.cassandra.db.marshal.ListType(org.apache.cassandra.db.marshal.Int32Type)), 2)");

        Assert.Equal(2, type.VectorDimension);
        Assert.Equal(CqlTypeCode.List, type.Parameters[0].Code);
        Assert.Equal(CqlTypeCode.Int, type.Parameters[0].Parameters[0].Code);
    }

    [Fact]
    public void FromCustomClassName_UnknownClass_StaysCustom()
    {
        var type = CqlType.FromCustomClassName("com.example.MyType");

        Assert.False(type.IsVector);
        Assert.Equal(CqlTypeCode.Custom, type.Code);
        Assert.Equal("com.example.MyType", type.CustomClassName);
    }

    [Fact]
    public void FromCustomClassName_MarshalNativeClass_MapsToNativeType()
    {
        Assert.Equal(CqlTypeCode.Varchar, CqlType.FromCustomClassName("org.apache.cassandra.db.marshal.UTF8Type").Code);
        Assert.Equal(CqlTypeCode.Timestamp, CqlType.FromCustomClassName("org.apache.cassandra.db.marshal.TimestampType").Code);
    }

    [Fact]
    public void FromCustomClassName_Unbalanced_Throws()
    {
        Assert.Throws<FormatException>(() => CqlType.FromCustomClassName("VectorType(FloatType, 3"));
    }

    [Fact]
    public void Vector_RoundTripsThroughItsClassName()
    {
        var vector = CqlType.Vector(CqlType.Float, 768);

        var parsed = CqlType.FromCustomClassName(vector.CustomClassName!);

        Assert.Equal(768, parsed.VectorDimension);
        Assert.Equal("vector<float, 768>", parsed.ToString());
    }

    [Theory]
    [InlineData("Boolean", 1)]
    [InlineData("Float", 4)]
    [InlineData("Int", 4)]
    [InlineData("Double", 8)]
    [InlineData("Bigint", 8)]
    [InlineData("Timestamp", 8)]
    [InlineData("Uuid", 16)]
    [InlineData("Smallint", 0)]
    [InlineData("Varchar", 0)]
    public void FixedVectorElementSize_FollowsTheServersRules(string code, int size)
    {
        var type = Enum.Parse<CqlTypeCode>(code) switch
        {
            CqlTypeCode.Boolean => CqlType.Boolean,
            CqlTypeCode.Float => CqlType.Float,
            CqlTypeCode.Int => CqlType.Int,
            CqlTypeCode.Double => CqlType.Double,
            CqlTypeCode.Bigint => CqlType.Bigint,
            CqlTypeCode.Timestamp => CqlType.Timestamp,
            CqlTypeCode.Uuid => CqlType.Uuid,
            CqlTypeCode.Smallint => CqlType.Smallint,
            _ => CqlType.Varchar,
        };

        Assert.Equal(size, type.FixedVectorElementSize);
    }
}
