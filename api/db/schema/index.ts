export * from './categories.ts';
export * from './operations.ts';
export * from './partners.ts';
export * from './regions.ts';
export * from './requests.ts';
