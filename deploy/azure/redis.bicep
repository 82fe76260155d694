// Azure Cache for Redis (TLS only). Standard keeps a replica; use Premium for zone redundancy.
param location string
param namePrefix string

@allowed([ 'Basic', 'Standard', 'Premium' ])
param skuName string = 'Standard'
param capacity int = 1

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
    redisConfiguration: {
      'maxmemory-policy': 'noeviction'
    }
  }
}

// Only the name: consumers read the access key themselves with listKeys() on an `existing` resource, so no
// secret is kept in this deployment's outputs (which deployment history stores in clear).
output name string = cache.name
