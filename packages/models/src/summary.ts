import { InputLayer, Layer, type Shape, formatShape } from '@strata/layers';
import type { Operation } from '@strata/ops/graph';
import type { Model } from './model';

export interface SummaryOptions {
  /** Total width of the table, as Keras's line_length (100 by default, what Keras prints in a wide terminal). */
  lineLength?: number;
  /** Receives the text instead of console.log. */
  printFn?: (text: string) => void;
  /** Only return the text, print nothing. */
  returnString?: boolean;
}

/** Keras 3's readable_memory_size: bytes in B, KB, MB... with two decimals. */
export function readableMemorySize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let size = bytes;
  for (const unit of units) {
    if (size / 1024 < 1) return `${size.toFixed(2)} ${unit}`;
    size /= 1024;
  }
  return `${size.toFixed(2)} EB`;
}

const count = (n: number) => n.toLocaleString('en-US');

/** The rows Keras shows: a Sequential's layers, or a functional model's layers including its inputs. */
function rows(model: Model): Array<{ layer: Layer | Operation; shape: Shape | Shape[] | null }> {
  const sequential = model as Model & { layerOutputShapes?: () => Array<Shape | null> };
  if (typeof sequential.layerOutputShapes === 'function') {
    const shapes = sequential.layerOutputShapes();
    return model.layers.map((layer, i) => ({ layer, shape: shapes[i] }));
  }
  // A functional model lists its ops too, as Keras does (with no parameters).
  return model.operations.map((layer) => {
    if (layer instanceof InputLayer) return { layer, shape: layer.batchShape };
    const node = layer.inboundNodes.find((n) => model.operations.includes(n.operation));
    const shapes = node?.outputs.map((o) => o.shape) ?? null;
    return { layer, shape: shapes && shapes.length === 1 ? shapes[0] : shapes };
  });
}

/** Draws Keras 3's summary table (the box characters rich draws) with Keras's parameter counts. */
export function summarize(model: Model, options: SummaryOptions = {}): string {
  const lineLength = options.lineLength ?? 100;
  // Keras splits the width 0.45 / 0.33 / 0.2 (minus borders) between the three columns.
  const widths = [Math.floor(lineLength * 0.44), Math.floor(lineLength * 0.33), 0];
  widths[2] = lineLength - widths[0] - widths[1] - 4;
  const cell = (text: string, width: number, right = false) => {
    const inner = width - 2;
    const clipped = text.length > inner ? `${text.slice(0, inner - 1)}…` : text;
    return ` ${right ? clipped.padStart(inner) : clipped.padEnd(inner)} `;
  };
  const rule = (left: string, fill: string, join: string, right: string) =>
    left + widths.map((w) => fill.repeat(w)).join(join) + right;
  const lines = [`Model: "${model.name}"`, rule('┏', '━', '┳', '┓')];
  lines.push(`┃${cell('Layer (type)', widths[0])}┃${cell('Output Shape', widths[1])}┃${cell('Param #', widths[2], true)}┃`);
  lines.push(rule('┡', '━', '╇', '┩'));
  const body = rows(model);
  body.forEach(({ layer, shape }, i) => {
    const shapeText = shape ? formatShape(shape) : '?';
    const params = !(layer instanceof Layer) ? '0' : layer.built || layer.weights.length > 0 ? count(layer.countParams()) : '0 (unbuilt)';
    lines.push(`│${cell(`${layer.name} (${layer.className})`, widths[0])}│${cell(shapeText, widths[1])}│${cell(params, widths[2], true)}│`);
    if (i < body.length - 1) lines.push(rule('├', '─', '┼', '┤'));
  });
  lines.push(rule('└', '─', '┴', '┘'));
  const trainable = model.trainableWeights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  const total = model.countParams();
  const optimizerVariables = model.compiled?.optimizer.iterations ? model.compiled.optimizer.variables() : [];
  const optimizerParams = optimizerVariables.reduce((n, v) => n + v.tensor.size, 0);
  const line = (label: string, n: number) => ` ${label}: ${count(n)} (${readableMemorySize(n * 4)})`;
  lines.push(line('Total params', total + optimizerParams));
  lines.push(line('Trainable params', trainable));
  lines.push(line('Non-trainable params', total - trainable));
  if (optimizerParams > 0) lines.push(line('Optimizer params', optimizerParams));
  return lines.join('\n');
}
