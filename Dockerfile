# The OrleansChat images: one file, one target per program. Build from the repository root:
#   docker build --target silo -t orleanschat-silo .
#   docker build --target gateway -t orleanschat-gateway .
# Shared by both: the restore layer, the library sources and the runtime base. Each target publishes
# only its own program (BuildKit skips the stages a target does not need).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS restore
WORKDIR /src
# Restore from the project files alone, so the layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Grains.Interfaces/Grains.Interfaces.csproj Grains.Interfaces/
COPY Grains/Grains.csproj Grains/
COPY Streaming.Redis/Streaming.Redis.csproj Streaming.Redis/
COPY Hosting/Hosting.csproj Hosting/
COPY Silo/Silo.csproj Silo/
COPY Gateway/Gateway.csproj Gateway/
RUN dotnet restore Silo/Silo.csproj && dotnet restore Gateway/Gateway.csproj

FROM restore AS libraries
COPY Grains.Interfaces/ Grains.Interfaces/
COPY Grains/ Grains/
COPY Streaming.Redis/ Streaming.Redis/
COPY Hosting/ Hosting/

FROM libraries AS publish-silo
COPY Silo/ Silo/
RUN dotnet publish Silo/Silo.csproj -c Release -o /app --no-restore /p:UseAppHost=false

FROM libraries AS publish-gateway
COPY Gateway/ Gateway/
RUN dotnet publish Gateway/Gateway.csproj -c Release -o /app --no-restore /p:UseAppHost=false

# Chiseled ASP.NET runtime: no shell, no package manager, runs as the non-root 'app' user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
WORKDIR /app
USER app
ENV ASPNETCORE_URLS=http://+:8080 \
    DOTNET_gcServer=1

FROM runtime AS silo
COPY --from=publish-silo /app .
# 8080: health; 8081: Orleans Dashboard; 11111: silo-to-silo; 30000: Orleans gateway (clients).
EXPOSE 8080 8081 11111 30000
# Exec form: dotnet is PID 1 and gets the SIGTERM, so the silo stops gracefully (Orleans__ShutdownTimeout).
ENTRYPOINT ["dotnet", "OrleansChat.Silo.dll"]

FROM runtime AS gateway
COPY --from=publish-gateway /app .
# 8080: WebSocket /ws, HTTP API, web client, /healthz, /readyz (the public ingress);
# 9464: /metrics only (Gateway:Diagnostics:MetricsPort), for the scraper inside the network.
ENV ASPNETCORE_URLS="http://+:8080;http://+:9464" \
    Gateway__Diagnostics__MetricsPort=9464
EXPOSE 8080 9464
ENTRYPOINT ["dotnet", "OrleansChat.Gateway.dll"]
