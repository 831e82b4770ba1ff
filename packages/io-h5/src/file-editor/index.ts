export { KerasFileEditor } from './editor';
export type { KerasFileEditorOptions } from './editor';
export type { WeightInput, WeightsTree } from './weights-tree';
