import type { MissingReason } from './coverage';
export function missingReason(kerasName: string): MissingReason {
  return { reason: 'not yet in Strata' };
}
