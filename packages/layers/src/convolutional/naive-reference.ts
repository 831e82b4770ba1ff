/**
 * Direct loops for convolutions, used by the tests as an independent reference:
 * every output element is the sum written out, with no tfjs op involved.
 * Tensors are flat row-major arrays with channels last.
 */
export interface NaiveArray {
  data: Float32Array | number[];
  shape: number[];
}

function strides(shape: number[]): number[] {
  const result = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) result[i] = result[i + 1] * shape[i + 1];
  return result;
}

/** Calls `visit` with every multi-index of `shape`. */
export function forEachIndex(shape: number[], visit: (index: number[]) => void): void {
  const total = shape.reduce((a, b) => a * b, 1);
  const index = new Array<number>(shape.length).fill(0);
  for (let n = 0; n < total; n++) {
    visit(index);
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      index[axis]++;
      if (index[axis] < shape[axis]) break;
      index[axis] = 0;
    }
  }
}

export function offsetOf(shape: number[], index: number[]): number {
  const step = strides(shape);
  return index.reduce((total, value, axis) => total + value * step[axis], 0);
}

/** Start padding of each spatial axis for 'valid' (0) or TensorFlow's 'same' rule. */
export function paddingBefore(inputLength: number, outputLength: number, kernel: number, stride: number, dilation: number, same: boolean): number {
  if (!same) return 0;
  const effective = (kernel - 1) * dilation + 1;
  return Math.floor(Math.max((outputLength - 1) * stride + effective - inputLength, 0) / 2);
}

/**
 * out[b, o..., f] = sum over kernel taps k... and input channels c of group g(f):
 * x[b, o*s + k*d - pad, c] * w[k..., c - g*cin, f]; taps outside the input count as zero.
 */
export function naiveConvolution(
  x: NaiveArray,
  w: NaiveArray,
  options: { strides: number[]; dilation: number[]; same: boolean; groups?: number; bias?: number[] },
): NaiveArray {
  const spatialRank = x.shape.length - 2;
  const groups = options.groups ?? 1;
  const kernelSize = w.shape.slice(0, spatialRank);
  const groupInputs = w.shape[spatialRank];
  const filters = w.shape[spatialRank + 1];
  const filtersPerGroup = filters / groups;
  const spatialIn = x.shape.slice(1, -1);
  const spatialOut = spatialIn.map((length, i) => {
    const effective = (kernelSize[i] - 1) * options.dilation[i] + 1;
    return options.same ? Math.ceil(length / options.strides[i]) : Math.floor((length - effective) / options.strides[i]) + 1;
  });
  const pads = spatialIn.map((length, i) =>
    paddingBefore(length, spatialOut[i], kernelSize[i], options.strides[i], options.dilation[i], options.same),
  );
  const outShape = [x.shape[0], ...spatialOut, filters];
  const out = new Float32Array(outShape.reduce((a, b) => a * b, 1));
  forEachIndex(outShape, (index) => {
    const batch = index[0];
    const position = index.slice(1, -1);
    const filter = index[index.length - 1];
    const group = Math.floor(filter / filtersPerGroup);
    let sum = options.bias ? options.bias[filter] : 0;
    forEachIndex(kernelSize, (tap) => {
      const source = position.map((p, i) => p * options.strides[i] + tap[i] * options.dilation[i] - pads[i]);
      if (source.some((s, i) => s < 0 || s >= spatialIn[i])) return;
      for (let c = 0; c < groupInputs; c++) {
        const xValue = x.data[offsetOf(x.shape, [batch, ...source, group * groupInputs + c])];
        const wValue = w.data[offsetOf(w.shape, [...tap, c, filter])];
        sum += xValue * wValue;
      }
    });
    out[offsetOf(outShape, index)] = sum;
  });
  return { data: out, shape: outShape };
}

/**
 * Transposed convolution as the scatter it is: each input element adds
 * x * w[k, f, c] to out[i*s + k*d - pad, f], with the output length and
 * start padding of TensorFlow's conv_transpose.
 */
export function naiveConvolutionTranspose(
  x: NaiveArray,
  w: NaiveArray,
  options: { strides: number[]; dilation: number[]; outputShape: number[]; padBefore: number[] },
): NaiveArray {
  const spatialRank = x.shape.length - 2;
  const kernelSize = w.shape.slice(0, spatialRank);
  const filters = w.shape[spatialRank];
  const outShape = [x.shape[0], ...options.outputShape, filters];
  const out = new Float32Array(outShape.reduce((a, b) => a * b, 1));
  const inChannels = x.shape[x.shape.length - 1];
  forEachIndex(x.shape.slice(0, -1), (index) => {
    const position = index.slice(1);
    forEachIndex(kernelSize, (tap) => {
      const target = position.map((p, i) => p * options.strides[i] + tap[i] * options.dilation[i] - options.padBefore[i]);
      if (target.some((t, i) => t < 0 || t >= options.outputShape[i])) return;
      for (let f = 0; f < filters; f++) {
        let sum = 0;
        for (let c = 0; c < inChannels; c++) {
          sum += x.data[offsetOf(x.shape, [...index, c])] * w.data[offsetOf(w.shape, [...tap, f, c])];
        }
        out[offsetOf(outShape, [index[0], ...target, f])] += sum;
      }
    });
  });
  return { data: out, shape: outShape };
}
