namespace OrleansChat.Silo.Hosting;

/// <summary>Works out the URLs the web host listens on, so one more port can be added without dropping the configured ones.</summary>
public static class HostUrls
{
    /// <summary>
    /// The host's configured URLs (or ASP.NET Core's default) plus <c>http://127.0.0.1:{port}</c>, or
    /// <c>http://*:{port}</c> when <paramref name="anyAddress"/>.
    /// </summary>
    public static string[] WithExtraPort(IWebHostBuilder webHost, int port, bool anyAddress)
    {
        var urls = new List<string>();
        var configured = webHost.GetSetting(WebHostDefaults.ServerUrlsKey);
        var httpPorts = webHost.GetSetting("http_ports");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            urls.AddRange(configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        else if (!string.IsNullOrWhiteSpace(httpPorts))
        {
            urls.AddRange(httpPorts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"http://*:{p}"));
        }
        else
        {
            urls.Add("http://localhost:5000");
        }

        urls.Add(anyAddress ? $"http://*:{port}" : $"http://127.0.0.1:{port}");
        return urls.ToArray();
    }
}
