export * from './field-mapper';
export * from './merge-template';
export * from './profile-copy';
export * from './profile.schema';
export type * from './profile.types';
export * from './rule-evaluator';
export type * from './xml-tree';
