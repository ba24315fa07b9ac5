using System.Net;
using System.Net.Sockets;

namespace SemanticCache.PgVectorDocker;

/// <summary>Refuses a port something else already listens on, before a server is created that could never bind it.</summary>
internal static class PortGuard
{
    public static bool IsFree(IPAddress address, int port)
    {
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static void EnsureFree(string bindAddress, int port)
    {
        var address = IPAddress.Parse(bindAddress);
        if (!IsFree(address, port))
        {
            throw new ToolException(
                $"Port {port} is already in use on {bindAddress}; stop what uses it or pick another port with --port (or PGVECTOR_PORT).");
        }
    }
}
