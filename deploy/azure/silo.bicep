// One silo: a single-replica container app. Orleans handles placement and failover; ACA restarts the replica.
param location string
param name string
param environmentId string
param image string
param registryServer string
param registryIdentityId string
// The cache's name; its access key is read here (listKeys) straight into the container app's secret, so it
// never passes through a module output or a plain parameter.
param redisCacheName string
param clusterId string
param serviceId string
param siloPort int
param gatewayPort int

// A graceful stop (SIGTERM) hands grains and stream queues over within Orleans__ShutdownTimeout;
// ACA sends SIGKILL only after terminationGracePeriodSeconds, which must be longer.
var shutdownTimeout = '00:00:30'
var terminationGracePeriodSeconds = 40

resource redisCache 'Microsoft.Cache/redis@2024-03-01' existing = {
  name: redisCacheName
}

var redisConnectionString = '${redisCache.properties.hostName}:${redisCache.properties.sslPort},password=${redisCache.listKeys().primaryKey},ssl=True,abortConnect=False'

resource silo 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${registryIdentityId}': {} }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      registries: [ { server: registryServer, identity: registryIdentityId } ]
      secrets: [ { name: 'redis', value: redisConnectionString } ]
      ingress: {
        external: false
        transport: 'tcp'
        targetPort: siloPort
        exposedPort: siloPort
        additionalPortMappings: [
          { external: false, targetPort: gatewayPort, exposedPort: gatewayPort }
        ]
      }
    }
    template: {
      terminationGracePeriodSeconds: terminationGracePeriodSeconds
      containers: [
        {
          name: 'silo'
          image: image
          resources: { cpu: json('1.0'), memory: '2Gi' }
          env: [
            { name: 'Redis__ConnectionString', secretRef: 'redis' }
            { name: 'Orleans__ClusterId', value: clusterId }
            { name: 'Orleans__ServiceId', value: serviceId }
            { name: 'Orleans__SiloPort', value: string(siloPort) }
            { name: 'Orleans__GatewayPort', value: string(gatewayPort) }
            { name: 'Orleans__ShutdownTimeout', value: shutdownTimeout }
            { name: 'Dashboard__Port', value: '8081' }
          ]
          probes: [
            {
              type: 'Liveness'
              httpGet: { path: '/healthz', port: 8080 }
              periodSeconds: 10
            }
            {
              type: 'Readiness'
              httpGet: { path: '/readyz', port: 8080 }
              periodSeconds: 5
            }
          ]
        }
      ]
      // Exactly one replica: a silo is a member of the cluster with its own identity and ports.
      scale: { minReplicas: 1, maxReplicas: 1 }
    }
  }
}
