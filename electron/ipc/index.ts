export * from './contract';
export * from './result';
export * from './hub-api';
export * from './ipc-channels';
export * from './desk.contract';
export * from './replies.contract';
export * from './quarantine.contract';
export * from './roles';
