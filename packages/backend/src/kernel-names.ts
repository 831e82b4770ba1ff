/**
 * The names of every kernel Strata adds to tfjs, in one place: the kernels
 * register under them, the typed ops (ops/) run them, and the registry
 * (kernel-registry.ts) documents them. They are Strata's own names, never
 * tfjs's, so that anything else sharing tfjs's engine (tfjs-layers in the
 * bench) keeps running tfjs's kernels.
 */
export const STRATA_DENSE = 'StrataDense';
export const STRATA_MAT_MUL = 'StrataMatMul';
export const STRATA_RELU_BIAS_GRAD = 'StrataReluBiasGrad';
export const STRATA_CONV2D = 'StrataConv2D';
export const STRATA_CONV2D_BACKPROP_FILTER = 'StrataConv2DBackpropFilter';
export const STRATA_CONV2D_BACKPROP_INPUT = 'StrataConv2DBackpropInput';
export const STRATA_ADAM_UPDATE = 'StrataAdamUpdate';
export const STRATA_RMSPROP_UPDATE = 'StrataRMSpropUpdate';
export const STRATA_SGD_UPDATE = 'StrataSGDUpdate';
export const STRATA_GATHER_ROWS = 'StrataGatherRows';
export const STRATA_SPARSE_SOFTMAX_CE = 'StrataSparseSoftmaxCE';
export const STRATA_SPARSE_SOFTMAX_CE_GRAD = 'StrataSparseSoftmaxCEGrad';
export const STRATA_SPARSE_LABEL_CHECK = 'StrataSparseLabelCheck';
export const STRATA_MAX_POOL = 'StrataMaxPool';
export const STRATA_MAX_POOL_GRAD = 'StrataMaxPoolGrad';
export const STRATA_CONV3D = 'StrataConv3D';
export const STRATA_CONV3D_BACKPROP_INPUT = 'StrataConv3DBackpropInput';
export const STRATA_CONV3D_BACKPROP_FILTER = 'StrataConv3DBackpropFilter';
export const STRATA_SUM_LEADING_AXES = 'StrataSumLeadingAxes';
export const STRATA_DENSE_CHAIN_FORWARD = 'StrataDenseChainForward';
export const STRATA_DENSE_CHAIN_BACKWARD = 'StrataDenseChainBackward';
export const STRATA_SPARSE_PROBABILITIES_CE = 'StrataSparseProbabilitiesCE';
export const STRATA_SPARSE_PROBABILITIES_CE_GRAD = 'StrataSparseProbabilitiesCEGrad';
export const STRATA_CATEGORICAL_CE = 'StrataCategoricalCE';
export const STRATA_CATEGORICAL_CE_GRAD = 'StrataCategoricalCEGrad';
export const STRATA_SOFTMAX = 'StrataSoftmax';
export const STRATA_SOFTMAX_GRAD = 'StrataSoftmaxGrad';
export const STRATA_MEAN_UPDATE = 'StrataMeanUpdate';
export const STRATA_ARG_MAX_MATCHES = 'StrataArgMaxMatches';
