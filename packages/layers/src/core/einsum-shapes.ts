import type { Shape } from '../engine/shape';

/** What EinsumDense's equation fixes for one input shape (Keras's _analyze_einsum_string). */
export interface EinsumShapes {
  kernelShape: number[];
  biasShape: number[] | null;
  outputShape: Shape;
  /** Kernel axes that meet input axes (the fan-in axes of VarianceScaling). */
  inputAxes: number[];
  /** Kernel axes that become output axes (the fan-out axes). */
  outputAxes: number[];
}

/**
 * The kernel, bias and output shapes of EinsumDense's `equation`, which must read `ab,bc->ac`,
 * `...ab,bc->...ac` (ellipsis on the left) or `ab...,bc->ac...` (on the right). `partialOutputShape`
 * is the output without its batch axis and without the ellipsis's axes; a `null` in it takes the
 * input's size at the same label (Keras's partial-dimension rule).
 */
export function analyzeEinsum(equation: string, biasAxes: string | null, inputShape: Shape, partialOutputShape: Array<number | null>): EinsumShapes {
  const compact = equation.replace(/\.\.\./g, '0');
  const plain = /^([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)$/.exec(compact);
  const left = /^0([a-zA-Z]+),([a-zA-Z]+)->0([a-zA-Z]+)$/.exec(compact);
  const right = /^([a-zA-Z]{2,})0,([a-zA-Z]+)->([a-zA-Z]+)0$/.exec(compact);
  const match = plain ?? left ?? right;
  if (!match) {
    throw new Error(
      `Invalid einsum equation '${equation}'. Equations must be in the form [X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]....`,
    );
  }
  const [, inputSpec, weightSpec, outputSpec] = match;
  const leftElided = match === left;
  const elided = inputShape.length - inputSpec.length;
  const outputShape: Shape = [inputShape[0], ...partialOutputShape];
  if (elided > 0 && leftElided) {
    // The ellipsis's axes in input order (Keras's symbolic shape inserts them reversed; its eager output does not).
    outputShape.splice(1, 0, ...inputShape.slice(1, elided));
  } else if (elided > 0) {
    for (let i = inputShape.length - elided; i < inputShape.length; i++) outputShape.push(inputShape[i]);
  }
  // With the ellipsis on the left, the labels name the last axes of the input and of the (whole) output.
  const offset = leftElided ? elided : 0;
  const inputAt = (label: string) => inputShape[inputSpec.indexOf(label) + offset];
  const outputAxisOf = (label: string) => outputSpec.indexOf(label) + offset;

  for (const label of inputSpec) {
    if (!outputSpec.includes(label)) continue;
    const size = outputShape[outputAxisOf(label)];
    if (size !== null && size !== undefined && size !== inputAt(label)) {
      throw new Error(
        `Input shape and output shape do not match at shared dimension '${label}'. Input shape is ${inputAt(label)}, and output shape is ${size}.`,
      );
    }
    // A null output size at a label the input has is the input's size: Keras's symbolic shape leaves it
    // None, its eager output has the input's size; Strata's shape says what the output will be.
    if (size === null) outputShape[outputAxisOf(label)] = inputAt(label);
  }
  for (const label of outputSpec) {
    if (!inputSpec.includes(label) && !weightSpec.includes(label)) {
      throw new Error(
        `Dimension '${label}' was specified in the output '${outputSpec}' but has no corresponding dim in the input spec '${inputSpec}' or weight spec '${weightSpec}'.`,
      );
    }
  }
  const kernelShape: number[] = [];
  const inputAxes: number[] = [];
  const outputAxes: number[] = [];
  [...weightSpec].forEach((label, i) => {
    const size = outputSpec.includes(label) ? outputShape[outputAxisOf(label)] : inputSpec.includes(label) ? inputAt(label) : undefined;
    if (size === undefined) {
      throw new Error(
        `Weight dimension '${label}' did not have a match in either the input spec '${inputSpec}' or the output spec '${outputSpec}'. For this layer, the weight must be fully specified.`,
      );
    }
    if (size === null) {
      throw new Error(`EinsumDense needs a known size for the kernel's dimension '${label}' of '${equation}'; received input shape ${JSON.stringify(inputShape)}.`);
    }
    kernelShape.push(size);
    (outputSpec.includes(label) ? outputAxes : inputAxes).push(i);
  });

  let biasShape: number[] | null = null;
  if (biasAxes !== null) {
    for (const label of biasAxes) {
      if (!outputSpec.includes(label)) {
        throw new Error(`Bias dimension '${label}' was requested, but is not part of the output spec '${outputSpec}'.`);
      }
    }
    const first = Math.min(...[...biasAxes].map((label) => outputSpec.indexOf(label)));
    biasShape = [...outputSpec.slice(first)].map((label) => (biasAxes.includes(label) ? (outputShape[outputAxisOf(label)] as number) : 1));
    // An ellipsis on the right sits after the bias's axes: size-one axes broadcast over it.
    if (!leftElided) for (let i = 0; i < elided; i++) biasShape.push(1);
  }
  return { kernelShape, biasShape, outputShape, inputAxes, outputAxes };
}
