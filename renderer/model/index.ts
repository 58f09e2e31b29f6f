export * from './schema';
export * from './units';
export * from './grid';
export * from './validate';
export * from './migrations';
export * from './defaults';
export * from './from-text';
export * from './fragment';
