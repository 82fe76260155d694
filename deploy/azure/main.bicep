// OrleansChat on Azure Container Apps.
// Silos: one single-replica container app per silo, each with its own silo/gateway TCP ports
// (exposed TCP ports must be unique in an environment), in a VNet-integrated environment so
// silos and gateways reach each other directly. Gateway: a freely scalable app with external
// HTTP ingress (WebSockets ride on it). Redis: Azure Cache for Redis for clustering, grain
// storage, message history and streams. See docs/deploy.md.
targetScope = 'resourceGroup'

@description('Azure region.')
param location string = resourceGroup().location

@description('Prefix for resource names (lowercase letters and digits).')
@minLength(3)
@maxLength(12)
param namePrefix string = 'ochat'

@description('Container registry login server, e.g. myregistry.azurecr.io.')
param registryServer string

@description('Resource id of a user-assigned identity with AcrPull on the registry.')
param registryIdentityId string

@description('Image tag to deploy (both silo and gateway images).')
param imageTag string

@description('How many silos. Each is its own single-replica app; add one by raising this and redeploying.')
@minValue(1)
@maxValue(20)
param siloCount int = 2

@description('Minimum gateway replicas.')
@minValue(1)
param gatewayMinReplicas int = 2

@description('Maximum gateway replicas.')
@minValue(1)
param gatewayMaxReplicas int = 10

@description('HS256 signing key for client JWTs (at least 32 bytes).')
@secure()
@minLength(32)
param signingKey string

@description('Orleans cluster id; change it to run a second cluster side by side.')
param clusterId string = 'orleanschat'

@description('Orleans service id; keep it stable across deployments (it keys state in Redis).')
param serviceId string = 'orleanschat'

module network 'network.bicep' = {
  name: 'network'
  params: {
    location: location
    namePrefix: namePrefix
  }
}

module redis 'redis.bicep' = {
  name: 'redis'
  params: {
    location: location
    namePrefix: namePrefix
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${namePrefix}-env'
  location: location
  properties: {
    vnetConfiguration: {
      infrastructureSubnetId: network.outputs.appsSubnetId
      internal: false
    }
    workloadProfiles: [
      { name: 'Consumption', workloadProfileType: 'Consumption' }
    ]
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

module silos 'silo.bicep' = [for i in range(0, siloCount): {
  name: 'silo-${i}'
  params: {
    location: location
    name: '${namePrefix}-silo-${i}'
    environmentId: environment.id
    image: '${registryServer}/orleanschat-silo:${imageTag}'
    registryServer: registryServer
    registryIdentityId: registryIdentityId
    redisCacheName: redis.outputs.name
    clusterId: clusterId
    serviceId: serviceId
    // Distinct ports per silo: TCP ports exposed in one environment must not collide.
    siloPort: 11111 + i
    gatewayPort: 30000 + i
  }
}]

module gateway 'gateway.bicep' = {
  name: 'gateway'
  params: {
    location: location
    name: '${namePrefix}-gateway'
    environmentId: environment.id
    image: '${registryServer}/orleanschat-gateway:${imageTag}'
    registryServer: registryServer
    registryIdentityId: registryIdentityId
    redisCacheName: redis.outputs.name
    signingKey: signingKey
    clusterId: clusterId
    serviceId: serviceId
    minReplicas: gatewayMinReplicas
    maxReplicas: gatewayMaxReplicas
  }
  dependsOn: [ silos ]
}

output gatewayUrl string = 'https://${gateway.outputs.fqdn}'
