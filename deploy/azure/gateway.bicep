// The WebSocket gateway: an Orleans client of the silos, freely scalable behind HTTP ingress.
param location string
param name string
param environmentId string
param image string
param registryServer string
param registryIdentityId string
// The cache's name; its access key is read here (listKeys) straight into the container app's secret, so it
// never passes through a module output or a plain parameter.
param redisCacheName string
@secure()
param signingKey string
param clusterId string
param serviceId string
param minReplicas int
param maxReplicas int

resource redisCache 'Microsoft.Cache/redis@2024-03-01' existing = {
  name: redisCacheName
}

var redisConnectionString = '${redisCache.properties.hostName}:${redisCache.properties.sslPort},password=${redisCache.listKeys().primaryKey},ssl=True,abortConnect=False'

resource gateway 'Microsoft.App/containerApps@2024-03-01' = {
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
      secrets: [
        { name: 'redis', value: redisConnectionString }
        { name: 'signing-key', value: signingKey }
      ]
      ingress: {
        external: true
        // 'http' ingress carries WebSocket upgrades. Its idle timeout is 240 s: the gateway's
        // WebSocket keep-alive (30 s) and the web client's ping keep connections well inside it.
        transport: 'http'
        targetPort: 8080
        allowInsecure: false
      }
    }
    template: {
      containers: [
        {
          name: 'gateway'
          image: image
          resources: { cpu: json('1.0'), memory: '2Gi' }
          env: [
            { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
            { name: 'Orleans__Mode', value: 'Client' }
            { name: 'Redis__ConnectionString', secretRef: 'redis' }
            { name: 'Orleans__ClusterId', value: clusterId }
            { name: 'Orleans__ServiceId', value: serviceId }
            { name: 'Auth__SigningKey', secretRef: 'signing-key' }
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
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'connections'
            http: { metadata: { concurrentRequests: '2000' } }
          }
        ]
      }
    }
  }
}

output fqdn string = gateway.properties.configuration.ingress.fqdn
