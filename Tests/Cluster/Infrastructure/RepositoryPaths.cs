namespace OrleansChat.Tests.Cluster.Infrastructure;

/// <summary>Finds the repository and the built programs of the same configuration as the tests.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>"Release" when the tests run from a Release build, else "Debug".</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string File(string relative) => Path.Combine(Root, relative);

    /// <summary>The built dll of a project of this repository, e.g. <c>Program("Silo", "OrleansChat.Silo")</c>.</summary>
    public static string Program(string projectDirectory, string assemblyName)
    {
        var path = Path.Combine(Root, projectDirectory, "bin", Configuration, "net10.0", assemblyName + ".dll");
        return System.IO.File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is not built; build the solution ({Configuration}) first, e.g. 'dotnet build OrleansChat.sln -c {Configuration}'.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "OrleansChat.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"OrleansChat.sln not found above {AppContext.BaseDirectory}.");
    }
}
