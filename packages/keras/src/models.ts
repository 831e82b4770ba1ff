export { Model, Sequential } from '@strata/models';
export type { ModelArgs } from '@strata/models';
