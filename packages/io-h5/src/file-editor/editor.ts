import { writeFileAtomic, bytesFrom } from '../file-io';
import { writeHdf5Bytes } from '../hdf5/runtime';
import { ensureGroup, writeDataset } from '../hdf5/write';
import { readKerasArchive } from '../keras-archive';
import { KerasFileError, type KerasMetadata, type ReadOptions, type WeightArray } from '../types';
import { readWeightsH5 } from '../weights-store';
import { type WeightInput, type WeightsTree, groupsOfTree, isWeightArray, toWeightArray, treeFromStore, weightsStructureLines } from './weights-tree';

export interface KerasFileEditorOptions extends ReadOptions {
  /** Where the editor prints what it reports (the file on opening, `summary()`). Default `console.log`. */
  printFn?: (line: string) => void;
}

type EditFn = (parent: WeightsTree, sourceName: string, targetName: string | undefined) => void;

/**
 * Keras's `keras.saving.KerasFileEditor`: opens a `.keras` archive or a
 * `.weights.h5` file, shows its weights (`summary()`, `weightsDict`), edits
 * them (rename, delete and add objects, delete and add weights) and saves the
 * result as a `.weights.h5` file that Keras's `load_weights` reads, for a
 * model whose architecture changed after the file was written. Open with
 * `await KerasFileEditor.open(path)`.
 */
export class KerasFileEditor {
  /** Keras's `weights_dict`: the weights by object path, `vars` folded away. */
  readonly weightsDict: WeightsTree;
  /** The archive's `metadata.json` (null for a `.weights.h5` file). */
  readonly metadata: KerasMetadata | null;
  /** The archive's `config.json` (null for a `.weights.h5` file). */
  readonly config: unknown;
  private readonly print: (line: string) => void;

  private constructor(
    readonly filepath: string,
    weightsDict: WeightsTree,
    metadata: KerasMetadata | null,
    config: unknown,
    printFn: (line: string) => void,
  ) {
    this.weightsDict = weightsDict;
    this.metadata = metadata;
    this.config = config;
    this.print = printFn;
  }

  /** Reads the file at `filepath` (a `.keras` or `.weights.h5` path; or its bytes, named by `filepath`) and reports it as Keras does. */
  static async open(filepath: string, options: KerasFileEditorOptions & { bytes?: Uint8Array } = {}): Promise<KerasFileEditor> {
    const printFn = options.printFn ?? ((line: string) => console.log(line));
    const isArchive = filepath.endsWith('.keras');
    if (!isArchive && !filepath.endsWith('.weights.h5')) {
      throw new KerasFileError(`Invalid filename: expected a \`.keras\` \`.weights.h5\` extension. Received: filepath=${filepath}`);
    }
    const bytes = options.bytes ?? (await bytesFrom(filepath, options.limits?.maxFileBytes));
    let editor: KerasFileEditor;
    if (isArchive) {
      const archive = await readKerasArchive(bytes, { ...options, description: options.description ?? filepath });
      editor = new KerasFileEditor(filepath, treeFromStore(archive), archive.metadata, archive.config, printFn);
    } else {
      const store = await readWeightsH5(bytes, { ...options, description: options.description ?? filepath });
      editor = new KerasFileEditor(filepath, treeFromStore(store), null, null, printFn);
    }
    printFn(`Keras model file '${filepath}'`);
    if (editor.metadata) printFn(`Saved with Keras ${editor.metadata.keras_version} - date: ${editor.metadata.date_saved}`);
    return editor;
  }

  /** Prints the weights' structure (Keras's tree), and returns it. */
  summary(): string {
    const lines = ['Weights structure', ...weightsStructureLines(this.weightsDict, '  ')];
    for (const line of lines) this.print(line);
    return lines.join('\n');
  }

  /** Renames an object (`'dense_2'`, or a path `'layers/dense_2'`) to `newName`, a leaf name. */
  renameObject(objectName: string, newName: string): void {
    this.editObject(
      (parent, source, target) => {
        const renamed: WeightsTree = {};
        // The renamed object keeps its place (Keras adds it at the end; the order only shows in summary()).
        for (const [name, node] of Object.entries(parent)) renamed[name === source ? (target as string) : name] = node;
        for (const name of Object.keys(parent)) delete parent[name];
        Object.assign(parent, renamed);
      },
      objectName,
      newName,
    );
  }

  /** Removes an object (a layer) and its weights. */
  deleteObject(objectName: string): void {
    this.editObject((parent, source) => delete parent[source], objectName);
  }

  /** Adds an object at a full path (`'layers/dense_2'`) with its weights by name (`{ '0': kernel, '1': bias }`). */
  addObject(objectPath: string, weights: Record<string, WeightInput>): void {
    const converted = this.convertWeights(weights);
    const elements = objectPath.split('/');
    let node = this.weightsDict;
    for (const element of elements.slice(0, -1)) {
      const next = node[element];
      if (next === undefined || isWeightArray(next)) {
        throw new KerasFileError(`Path '${elements.slice(0, -1).join('/')}' not found in model.`);
      }
      node = next;
    }
    node[elements[elements.length - 1]] = converted;
  }

  /** Removes one weight (`'0'`) of an object. */
  deleteWeight(objectName: string, weightName: string): void {
    this.editObject((parent, source) => {
      const object = parent[source] as WeightsTree;
      if (!(weightName in object)) {
        throw new KerasFileError(`Weight ${weightName} not found in object ${objectName}. Weights found: ${JSON.stringify(Object.keys(object))}`);
      }
      delete object[weightName];
    }, objectName);
  }

  /** Adds weights by name to an existing object. */
  addWeights(objectName: string, weights: Record<string, WeightInput>): void {
    const converted = this.convertWeights(weights);
    this.editObject((parent, source) => Object.assign(parent[source] as WeightsTree, converted), objectName);
  }

  /** Writes the weights as a `.weights.h5` file (Keras's layout) and returns its bytes; `filepath` must end in `.weights.h5`. */
  async save(filepath: string): Promise<Uint8Array> {
    if (!filepath.endsWith('.weights.h5')) {
      throw new KerasFileError(`Invalid \`filepath\` argument: expected a \`.weights.h5\` extension. Received: filepath=${filepath}`);
    }
    const bytes = await this.toBytes();
    await writeFileAtomic(filepath, bytes);
    return bytes;
  }

  /** The edited weights as the bytes of a `.weights.h5` file. */
  async toBytes(): Promise<Uint8Array> {
    const groups = groupsOfTree(this.weightsDict);
    return writeHdf5Bytes('Keras weights file', (file) => {
      for (const group of groups) {
        const varsGroup = ensureGroup(file, group.path === '' ? 'vars' : `${group.path}/vars`);
        for (const [name, array] of group.weights) writeDataset(varsGroup, name, array, `weight ${group.path}/vars/${name}`);
      }
    });
  }

  /** Keras's `resave_weights`: `save`. */
  resaveWeights(filepath: string): Promise<Uint8Array> {
    return this.save(filepath);
  }

  private convertWeights(weights: Record<string, WeightInput>): Record<string, WeightArray> {
    if (weights === null || typeof weights !== 'object' || Array.isArray(weights) || isWeightArray(weights as never)) {
      throw new KerasFileError(
        `Argument \`weights\` should be a dict where keys are weight names (usually '0', '1', etc.) and values are arrays. Received: ${Array.isArray(weights) ? 'an array' : typeof weights}`,
      );
    }
    return Object.fromEntries(Object.entries(weights).map(([name, value]) => [name, toWeightArray(value, `weight ${name}`)]));
  }

  /** Keras's `_edit_object`: a path names one object; a bare name must occur exactly once in the tree. */
  private editObject(edit: EditFn, sourceName: string, targetName?: string): void {
    if (targetName?.includes('/')) {
      throw new KerasFileError(`Argument \`target_name\` should be a leaf name, not a full path name. Received: target_name='${targetName}'`);
    }
    if (sourceName.includes('/')) {
      const elements = sourceName.split('/');
      let node = this.weightsDict;
      for (const element of elements.slice(0, -1)) {
        const next = node[element];
        if (next === undefined || isWeightArray(next)) throw new KerasFileError(`Path '${sourceName}' not found in model.`);
        node = next;
      }
      if (!(elements[elements.length - 1] in node)) throw new KerasFileError(`Path '${sourceName}' not found in model.`);
      edit(node, elements[elements.length - 1], targetName);
      return;
    }
    const parents: WeightsTree[] = [];
    const visit = (node: WeightsTree) => {
      for (const child of Object.values(node)) if (!isWeightArray(child)) visit(child);
      if (sourceName in node) parents.push(node);
    };
    visit(this.weightsDict);
    if (parents.length > 1) throw new KerasFileError(`Name '${sourceName}' occurs more than once in the model; try passing a complete path`);
    if (parents.length === 0) {
      throw new KerasFileError(`Source name '${sourceName}' does not appear in the model. Use \`editor.summary()\` to list all objects.`);
    }
    edit(parents[0], sourceName, targetName);
  }
}
