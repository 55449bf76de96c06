// Only what changed in v2; everything else is still the v1 definition.
export * from './land-parcel-record';
export * from './events';
