import { Adam, type AdamOptions } from './adam';

/**
 * Keras's AdamW: Adam plus decoupled weight decay (default 0.004), applied by the
 * base optimizer before each update as `w -= w * weightDecay * learningRate`.
 */
export class AdamW extends Adam {
  static override className = 'AdamW';
  constructor(options: AdamOptions = {}) {
    super({ ...options, weightDecay: options.weightDecay === undefined ? 0.004 : options.weightDecay });
    if (this.weightDecay === null) {
      throw new Error('AdamW: argument `weightDecay` must be a number. Received: weightDecay=null.');
    }
  }
}
