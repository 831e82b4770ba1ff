import * as tf from '@tensorflow/tfjs-core';

/** The engine's state as far as the tape goes (tfjs-core's EngineState, which the package does not export). */
interface TapeState {
  activeTape: Array<{ saved?: tf.Tensor[] }> | null;
  gradientDepth: number;
}

/**
 * `forward`, for a gradient tape (tf.variableGrads, tf.valueAndGrad), that
 * frees what the tape saved for its backward pass when `forward` throws. tfjs
 * keeps a clone of each input a gradient needs until the backward pass runs,
 * and a throw skips it: each refused batch (a shape a layer refuses, say)
 * leaked those clones. Only at the outermost tape: nested tapes share the
 * list, and an outer one may catch the error and go on.
 */
export function freeTapeOnThrow<T>(forward: () => T): () => T {
  return () => {
    try {
      return forward();
    } catch (error) {
      const state = tf.engine().state as unknown as TapeState;
      if (state.gradientDepth === 1) for (const node of state.activeTape ?? []) node.saved?.forEach((t) => t.dispose());
      throw error;
    }
  };
}
