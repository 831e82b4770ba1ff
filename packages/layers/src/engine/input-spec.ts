import { formatShape, type Shape } from './shape';

/** What a layer accepts (Keras's InputSpec): a rank, a minimum rank, or fixed sizes on some axes. */
export interface InputSpec {
  ndim?: number;
  minNdim?: number;
  maxNdim?: number;
  /** Axis (negative counts from the end) to required size. */
  axes?: Record<number, number>;
}

/** Throws Keras's error when `shape` does not satisfy `spec`; names the layer and both shapes. */
export function assertInputCompatibility(layerName: string, spec: InputSpec | null, shape: Shape, inputIndex = 0): void {
  if (!spec) return;
  const prefix = `Input ${inputIndex} of layer "${layerName}" is incompatible with the layer`;
  const rank = shape.length;
  if (spec.ndim !== undefined && rank !== spec.ndim) {
    throw new Error(`${prefix}: expected ndim=${spec.ndim}, found ndim=${rank}. Full shape received: ${formatShape(shape)}`);
  }
  if (spec.minNdim !== undefined && rank < spec.minNdim) {
    throw new Error(
      `${prefix}: expected min_ndim=${spec.minNdim}, found ndim=${rank}. Full shape received: ${formatShape(shape)}`,
    );
  }
  if (spec.maxNdim !== undefined && rank > spec.maxNdim) {
    throw new Error(
      `${prefix}: expected max_ndim=${spec.maxNdim}, found ndim=${rank}. Full shape received: ${formatShape(shape)}`,
    );
  }
  for (const [axisText, size] of Object.entries(spec.axes ?? {})) {
    const axis = Number(axisText);
    const actual = shape[axis < 0 ? rank + axis : axis];
    if (actual !== null && actual !== undefined && actual !== size) {
      throw new Error(
        `${prefix}: expected axis ${axis} of input shape to have value ${size}, but received input with shape ${formatShape(shape)}`,
      );
    }
  }
}
