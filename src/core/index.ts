/** The pure engine: what every host imports. */
export * from './grid/types';
export * from './grid/address';
export * from './grid/dates';
export * from './report/catalogue';
export * from './report/issue';
export * from './report/report';
export * from './report/unreadable';
export * from './stamp/stamp';
export * from './template/catalog';
export * from './template/errors';
export * from './template/schema';
export * from './text/normalize';
export * from './units/identify';
export * from './units/registry-index';
export * from './validate/check-table';
export * from './validate/validate-workbook';
