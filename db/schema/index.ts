export * from './activity';
export * from './auth';
export * from './consents';
export * from './customers';
export * from './documents';
export * from './finances';
export * from './relations';
export * from './system';
