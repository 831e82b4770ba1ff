/**
 * Why a Keras object is not in @strata/keras: the short reason column of
 * docs/API-COVERAGE.md. `planned` marks names that other parts of issue 16
 * add (counted apart until they are merged).
 */
import type { MissingReason } from './coverage';

/** Names that other changes of issue 16 add: the custom-object registry, data utilities, plotting, CTC, loss scaling. */
const PLANNED: Record<string, string> = {
  'keras.saving.CustomObjectScope': 'custom-object registry',
  'keras.saving.custom_object_scope': 'custom-object registry',
  'keras.saving.deserialize_keras_object': 'custom-object registry',
  'keras.saving.get_custom_objects': 'custom-object registry',
  'keras.saving.get_registered_name': 'custom-object registry',
  'keras.saving.get_registered_object': 'custom-object registry',
  'keras.saving.register_keras_serializable': 'custom-object registry',
  'keras.saving.serialize_keras_object': 'custom-object registry',
  'keras.utils.CustomObjectScope': 'custom-object registry',
  'keras.utils.custom_object_scope': 'custom-object registry',
  'keras.utils.deserialize_keras_object': 'custom-object registry',
  'keras.utils.get_custom_objects': 'custom-object registry',
  'keras.utils.get_registered_name': 'custom-object registry',
  'keras.utils.get_registered_object': 'custom-object registry',
  'keras.utils.register_keras_serializable': 'custom-object registry',
  'keras.utils.serialize_keras_object': 'custom-object registry',
  'keras.utils.pad_sequences': 'utils.padSequences',
  'keras.preprocessing.sequence.pad_sequences': 'utils.padSequences, also under preprocessing.sequence',
  'keras.utils.timeseries_dataset_from_array': 'utils.timeseriesDatasetFromArray',
  'keras.preprocessing.timeseries_dataset_from_array': 'utils.timeseriesDatasetFromArray, also under preprocessing',
  'keras.utils.text_dataset_from_directory': 'utils.textDatasetFromDirectory',
  'keras.preprocessing.text_dataset_from_directory': 'utils.textDatasetFromDirectory, also under preprocessing',
  'keras.utils.split_dataset': 'utils.splitDataset',
  'keras.utils.plot_model': 'utils.plotModel',
  'keras.utils.model_to_dot': 'utils.modelToDot',
  'keras.losses.CTC': 'CTC loss',
  'keras.losses.ctc': 'CTC loss',
  'keras.optimizers.LossScaleOptimizer': 'LossScaleOptimizer',
};

/** Reasons by exact name, then by namespace (longest prefix first). */
const BY_NAME: Record<string, string> = {
  'keras.DTypePolicy': 'Strata computes in float32 only; the policy is written to configs as Keras writes it, not a class',
  'keras.FloatDTypePolicy': 'Strata computes in float32 only (no mixed precision)',
  'keras.Function': "Keras's graph-of-ops callable; a functional Model covers its use",
  'keras.Quantizer': 'quantization is outside Strata',
  'keras.RematScope': 'rematerialization is a memory feature of the Python backends',
  'keras.remat': 'rematerialization is a memory feature of the Python backends',
  'keras.StatelessScope': "the JAX-style stateless scope; Strata's optimizers keep explicit state instead",
  'keras.SymbolicScope': 'Python backend internals',
  'keras.__version__': "Keras's version string; Strata's is its package version",
  'keras.version': "Keras's version string; Strata's is its package version",
  'keras.device': 'device placement is the backend\'s (useBackend), not per scope',
  'keras.callbacks.OrbaxCheckpoint': 'Orbax is a JAX checkpoint library',
  'keras.datasets.california_housing.load_data': 'not yet: data set not mirrored',
  'keras.datasets.reuters.get_label_names': 'not yet: data set not mirrored',
  'keras.datasets.reuters.get_word_index': 'not yet: data set not mirrored',
  'keras.datasets.reuters.load_data': 'not yet: data set not mirrored',
  'keras.export.ExportArchive': 'exports TF SavedModels; Strata writes .keras and .h5',
  'keras.utils.FeatureSpace': 'not yet: structured-data preprocessing',
  'keras.utils.PyDataset': "Python's data-loading class; Strata's datasets.Dataset streams data",
  'keras.utils.Sequence': "Python's data-loading class; Strata's datasets.Dataset streams data",
  'keras.utils.audio_dataset_from_directory': 'not yet: needs an audio decoder',
  'keras.utils.standardize_dtype': 'tfjs-core names dtypes itself',
  'keras.config.dtype_policy': 'Strata computes in float32 only: no dtype policies',
  'keras.config.set_dtype_policy': 'Strata computes in float32 only: no dtype policies',
  'keras.config.enable_flash_attention': "switches the Python backends' fused attention kernels; Strata has none",
  'keras.config.disable_flash_attention': "switches the Python backends' fused attention kernels; Strata has none",
  'keras.config.is_flash_attention_enabled': "switches the Python backends' fused attention kernels; Strata has none",
  'keras.config.enable_traceback_filtering': "filters Python tracebacks; JavaScript's stack traces are the runtime's",
  'keras.config.disable_traceback_filtering': "filters Python tracebacks; JavaScript's stack traces are the runtime's",
  'keras.config.is_traceback_filtering_enabled': "filters Python tracebacks; JavaScript's stack traces are the runtime's",
  'keras.config.is_nnx_enabled': "JAX's Flax NNX mode; no counterpart in JavaScript",
  'keras.config.enable_unsafe_deserialization': "allows Python bytecode of Lambda layers in files; a TypeScript function is never read from a file",
};

const BY_NAMESPACE: Array<[string, string]> = [
  ['keras.backend.set_', 'Strata computes in float32 with epsilon 1e-7 and channels_last by default (backend.floatx(), epsilon(), imageDataFormat() report them); they cannot be changed globally (each layer takes a dataFormat)'],
  ['keras.config.set_backend', 'Strata chooses its tfjs-core backend with useBackend (config.backend() names it)'],
  ['keras.config.set_', 'Strata computes in float32 with epsilon 1e-7 and channels_last by default (config.floatx(), epsilon(), imageDataFormat() report them); they cannot be changed globally'],
  ['keras.config.', "a switch of Keras's Python runtime with no counterpart in Strata"],
  ['keras.dtype_policies.', 'Strata computes in float32 only: no mixed precision or quantized policies'],
  ['keras.legacy.saving.', "Keras 2's serialization: Strata reads and writes Keras 2 configs itself"],
  ['keras.utils.legacy.', "Keras 2's serialization: Strata reads and writes Keras 2 configs itself"],
  ['keras.tree.lists_to_tuples', 'JavaScript has no tuples: the tree utilities take arrays and plain objects'],
  ['keras.visualization.', 'plots with matplotlib in Python; no browser equivalent yet'],
  ['keras.layers.Random', 'not yet: image augmentation layer'],
  ['keras.layers.', 'not yet: image augmentation layer'],
];

export function missingReason(kerasName: string): MissingReason {
  if (Object.hasOwn(PLANNED, kerasName)) return { reason: PLANNED[kerasName], planned: true };
  if (Object.hasOwn(BY_NAME, kerasName)) return { reason: BY_NAME[kerasName] };
  const rule = BY_NAMESPACE.find(([prefix]) => kerasName.startsWith(prefix));
  return { reason: rule ? rule[1] : 'not yet' };
}
