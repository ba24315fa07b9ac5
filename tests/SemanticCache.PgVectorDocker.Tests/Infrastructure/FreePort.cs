using System.Net;
using System.Net.Sockets;

namespace SemanticCache.PgVectorDocker.Tests;

/// <summary>Asks the OS for a port nothing listens on.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
