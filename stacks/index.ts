export * from './blueprint-stack';
export * from './emulator';
export * from './network-hub-stack';
export * from './hub-peering-stack';
export * from './service-provider-stack';
export * from './consumer-stack';
export * from './environment';
export * from './synthesize';
