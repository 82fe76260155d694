// Azure Cache for Redis (TLS only). Premium by default: the tier with data persistence. An ack of `send`
// means "stored in Redis", so the default keeps an append-only file (AOF) in a storage account; Basic and
// Standard keep data in memory only (a restart or failover of both nodes loses acked messages): see docs/deploy.md.
param location string
param namePrefix string

@allowed([ 'Basic', 'Standard', 'Premium' ])
param skuName string = 'Premium'
param capacity int = 1

var persistent = skuName == 'Premium'

// AOF needs a storage account for its log (Premium only). Its key is read here with listKeys() and never output.
resource aofStorage 'Microsoft.Storage/storageAccounts@2023-05-01' = if (persistent) {
  name: take(toLower(replace('${namePrefix}redisaof${uniqueString(resourceGroup().id)}', '-', '')), 24)
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource cache 'Microsoft.Cache/redis@2024-03-01' = {
  name: '${namePrefix}-redis'
  location: location
  properties: {
    sku: {
      name: skuName
      family: skuName == 'Premium' ? 'P' : 'C'
      capacity: capacity
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    redisConfiguration: persistent ? {
      'maxmemory-policy': 'noeviction'
      'aof-backup-enabled': 'true'
      'aof-storage-connection-string-0': 'DefaultEndpointsProtocol=https;AccountName=${aofStorage.name};AccountKey=${aofStorage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
    } : {
      'maxmemory-policy': 'noeviction'
    }
  }
}

// Only the name: consumers read the access key themselves with listKeys() on an `existing` resource, so no
// secret is kept in this deployment's outputs (which deployment history stores in clear).
output name string = cache.name
