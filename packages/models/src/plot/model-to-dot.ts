import { type ActivationFunction, type InputLayer, Layer, serializeActivation } from '@strata/layers';
import { type Node, type Operation, producerOf } from '@strata/ops/graph';
import { Model } from '../model';
import { Sequential } from '../sequential';

export interface ModelToDotOptions {
  /** Show each layer's input and output shapes. Default false. */
  showShapes?: boolean;
  /** Show each layer's output dtype. Default false. */
  showDtype?: boolean;
  /** Show layer names (else class names only). Default true here, false in `plotModel`, as in Keras. */
  showLayerNames?: boolean;
  /** 'TB' (top to bottom, default) or 'LR' (left to right). */
  rankdir?: 'TB' | 'LR' | 'BT' | 'RL';
  /** Draw nested models as clusters of their layers. Default false. */
  expandNested?: boolean;
  /** Resolution of a PNG, in dots per inch. Default 200. */
  dpi?: number;
  /** Show the activation of layers that have one. Default false. */
  showLayerActivations?: boolean;
  /** Mark layers with weights as trainable or not. Default false. */
  showTrainable?: boolean;
  /** How edges are drawn: 'ortho' (default), 'curved', 'polyline', 'spline', 'line'. */
  splines?: string;
}

type LabelOptions = Required<Pick<ModelToDotOptions, 'showShapes' | 'showDtype' | 'showLayerNames' | 'showLayerActivations' | 'showTrainable'>>;

/** Writes a graph the way pydot's `to_string` does, so the text reads as Keras's. */
class DotWriter {
  private readonly lines: string[] = [];
  private readonly edges = new Set<string>();

  constructor(private readonly ids: (operation: Operation) => string) {}

  line(text: string): void {
    this.lines.push(text);
  }

  node(operation: Operation, label: string): void {
    this.lines.push(`${this.ids(operation)} [label=${label}, fontname=Helvetica, border=0, margin=0];`);
  }

  /** Keras's `add_edge`: one edge per pair, however many tensors flow between them. */
  edge(source: Operation, destination: Operation): void {
    const key = `${this.ids(source)} -> ${this.ids(destination)}`;
    if (this.edges.has(key)) return;
    this.edges.add(key);
    this.lines.push(`${key} [penwidth=2];`);
  }

  text(): string {
    return this.lines.join('\n');
  }
}

/** pydot's quoting: plain identifiers, numbers and HTML labels stay bare; anything else is a quoted string. */
export function dotId(value: string | number | boolean): string {
  const text = String(value);
  if (/^[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*$/.test(text) && !/^(node|edge|graph|digraph|subgraph|strict)$/i.test(text)) return text;
  if (/^-?(\.\d+|\d+(\.\d*)?)$/.test(text)) return text;
  if (text.startsWith('<') && text.endsWith('>')) return text;
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

type Shape = ReadonlyArray<number | null>;

/** Python's repr of a shape tuple: (None, 4), (None,), (). */
function pythonShape(shape: Shape): string {
  const dims = shape.map((d) => (d === null ? 'None' : String(d)));
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
}

function formatShapes(shapes: Shape[] | null, single: boolean): string {
  if (shapes === null) return '?';
  return single ? pythonShape(shapes[0]) : `[${shapes.map(pythonShape).join(', ')}]`;
}

/**
 * The input and output shapes and dtypes Keras shows (`layer.input.shape`...):
 * from the layer's only call; with several calls Keras cannot say and shows
 * '?'. A layer of a Sequential that was never called symbolically gets the
 * shapes its stack computes.
 */
function layerIo(operation: Operation, stackShapes: Map<Operation, [Shape, Shape]>) {
  const nodes = operation.inboundNodes;
  if (nodes.length === 1) {
    const [node] = nodes;
    return {
      input: node.inputs.length === 0 ? null : formatShapes(node.inputs.map((t) => t.shape), node.inputs.length === 1),
      output: formatShapes(node.outputs.map((t) => t.shape), node.outputs.length === 1),
      dtype: node.outputs.length === 1 ? node.outputs[0].dtype : `[${node.outputs.map((t) => `'${t.dtype}'`).join(', ')}]`,
    };
  }
  const stacked = stackShapes.get(operation);
  if (nodes.length === 0 && stacked) return { input: pythonShape(stacked[0]), output: pythonShape(stacked[1]), dtype: 'float32' };
  return { input: '?', output: '?', dtype: '?' };
}

/** Keras's `make_layer_label`: an HTML table with the name, the activation, the shapes, the dtype, trainability. */
function layerLabel(operation: Operation, options: LabelOptions, stackShapes: Map<Operation, [Shape, Shape]>): string {
  const className = operation.className;
  let colspanMax = Number(options.showDtype) + Number(options.showTrainable);
  if (options.showShapes) colspanMax += 2;
  const colspan = Math.max(1, colspanMax);
  const title = options.showLayerNames ? `<b>${operation.name}</b> (${className})` : `<b>${className}</b>`;
  let table = '<<table border="0" cellborder="1" bgcolor="black" cellpadding="10">';
  table += `<tr><td colspan="${colspan}" bgcolor="black"><font point-size="16" color="white">${title}</font></td></tr>`;
  const activation = (operation as { activation?: ActivationFunction | null }).activation;
  if (options.showLayerActivations && activation) {
    table += `<tr><td bgcolor="white" colspan="${colspan}"><font point-size="14">Activation: <b>${serializeActivation(activation)}</b></font></td></tr>`;
  }
  const cells: string[] = [];
  const io = layerIo(operation, stackShapes);
  const cell = (text: string) => `<td bgcolor="white"><font point-size="14">${text}</font></td>`;
  if (options.showShapes) {
    if (className !== 'InputLayer') cells.push(cell(`Input shape: <b>${io.input ?? '?'}</b>`));
    cells.push(cell(`Output shape: <b>${io.output}</b>`));
  }
  if (options.showDtype) cells.push(cell(`Output dtype: <b>${io.dtype}</b>`));
  if (options.showTrainable && operation instanceof Layer && operation.weights.length > 0) {
    cells.push(
      operation.trainable
        ? '<td bgcolor="forestgreen"><font point-size="14" color="white"><b>Trainable</b></font></td>'
        : '<td bgcolor="firebrick"><font point-size="14" color="white"><b>Non-trainable</b></font></td>',
    );
  }
  if (cells.length > 0) table += `<tr>${cells.join('')}</tr>`;
  return `${table}</table>>`;
}

const isNested = (operation: Operation): operation is Model => operation instanceof Model && (operation instanceof Sequential || operation.inputs.length > 0);

/** A Sequential's layers with the shapes its stack computes from its input shape (when it has one). */
function sequentialShapes(model: Sequential, into: Map<Operation, [Shape, Shape]>): void {
  let shape: Shape | null = (model.input as InputLayer | null)?.batchShape ?? null;
  for (const layer of model.layers) {
    if (shape === null) return;
    const output = layer.computeOutputShape([...shape]);
    if (Array.isArray(output[0])) return; // several outputs: leave it to the layer's own calls
    into.set(layer, [shape, output as Shape]);
    shape = output as Shape;
  }
}

/**
 * The calls that belong to a functional model: those met walking back from its
 * outputs to its inputs (Keras skips a shared layer's calls in other models).
 */
function modelNodes(model: Model): Set<Node> {
  const own = new Set<Node>();
  const pending = [...model.outputs];
  while (pending.length > 0) {
    const tensor = pending.pop() as (typeof pending)[number];
    const node = producerOf(tensor);
    if (own.has(node)) continue;
    own.add(node);
    if (!model.inputs.includes(tensor)) pending.push(...node.inputs);
  }
  return own;
}

/** The last operation of a nested model's output `index` (Keras follows `_keras_history`). */
function innerSource(model: Model, index: number): Operation {
  if (model instanceof Sequential) return model.layers[model.layers.length - 1];
  return model.outputs[index]?.operation ?? model;
}

/** The first operation a nested model's input `index` reaches. */
function innerDestination(model: Model, index: number): Operation {
  if (model instanceof Sequential) return model.layers[0];
  return model.inputs[index]?.operation ?? model;
}

function writeModel(dot: DotWriter, model: Model, options: Required<ModelToDotOptions>, stackShapes: Map<Operation, [Shape, Shape]>): void {
  const label = (operation: Operation) => layerLabel(operation, options, stackShapes);
  if (model instanceof Sequential) sequentialShapes(model, stackShapes);
  const operations: Operation[] = model instanceof Sequential ? model.layers : model.inputs.length > 0 ? model.operations : [];
  if (operations.length === 0) {
    // A subclassed model is one box, as in Keras.
    dot.node(model, label(model));
    return;
  }
  for (const operation of operations) {
    if (options.expandNested && isNested(operation)) {
      dot.line(`subgraph ${dotId(`cluster_${operation.name}`)} {`);
      dot.line('style=dashed;');
      dot.line(`label=${dotId(operation.name)};`);
      dot.line('labeljust=l;');
      writeModel(dot, operation, options, stackShapes);
      dot.line('}');
    } else {
      dot.node(operation, label(operation));
    }
  }
  const connect = (source: Operation, destination: Operation, outputIndex: number, inputIndex: number) => {
    if (!options.expandNested) {
      dot.edge(source, destination);
      return;
    }
    let from = source;
    let to = destination;
    while (isNested(from)) from = innerSource(from, outputIndex);
    while (isNested(to)) to = innerDestination(to, inputIndex);
    dot.edge(from, to);
  };
  if (model instanceof Sequential) {
    for (let i = 0; i + 1 < operations.length; i++) connect(operations[i], operations[i + 1], 0, 0);
    return;
  }
  const ownNodes = modelNodes(model);
  for (const operation of operations) {
    for (const node of operation.inboundNodes) {
      if (!ownNodes.has(node)) continue;
      node.inputs.forEach((tensor, inputIndex) => {
        if (tensor.operation) connect(tensor.operation, operation, tensor.tensorIndex, inputIndex);
      });
    }
  }
}

/**
 * `keras.utils.model_to_dot`: the model's graph in Graphviz's DOT language,
 * written as Keras writes it with pydot (the same attributes, HTML labels and
 * order), one box per layer (per operation of a functional model) and one
 * edge per connection. Node names are numbers given in order of appearance
 * (Keras uses Python object ids). Render it with `plotModel` or any Graphviz.
 */
export function modelToDot(model: Model, options: ModelToDotOptions = {}): string {
  if (!model.built && !(model instanceof Sequential && model.input)) {
    throw new Error(`This model ("${model.name}") has not yet been built. Build the model first by calling \`build()\` or by calling the model on a batch of data.`);
  }
  const resolved: Required<ModelToDotOptions> = {
    showShapes: options.showShapes ?? false,
    showDtype: options.showDtype ?? false,
    showLayerNames: options.showLayerNames ?? true,
    rankdir: options.rankdir ?? 'TB',
    expandNested: options.expandNested ?? false,
    dpi: options.dpi ?? 200,
    showLayerActivations: options.showLayerActivations ?? false,
    showTrainable: options.showTrainable ?? false,
    splines: options.splines ?? 'ortho',
  };
  const ids = new Map<Operation, string>();
  const idOf = (operation: Operation) => {
    let id = ids.get(operation);
    if (id === undefined) {
      id = String(ids.size + 1);
      ids.set(operation, id);
    }
    return id;
  };
  const dot = new DotWriter(idOf);
  dot.line('digraph G {');
  dot.line(`rankdir=${dotId(resolved.rankdir)};`);
  dot.line('concentrate=true;');
  dot.line(`dpi=${dotId(resolved.dpi)};`);
  dot.line(`splines=${dotId(resolved.splines)};`);
  dot.line('node [shape=record];');
  writeModel(dot, model, resolved, new Map());
  dot.line('}');
  return `${dot.text()}\n`;
}
