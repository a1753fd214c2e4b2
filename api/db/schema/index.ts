export * from './categories.ts';
export * from './operations.ts';
export * from './partners.ts';
export * from './regions.ts';
export * from './requests.ts';
export * from './companies.ts';
export * from './purchases.ts';
export * from './users.ts';
