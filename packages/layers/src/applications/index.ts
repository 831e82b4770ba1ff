// Layers that Keras defines in its applications modules rather than in keras.layers.
export { CustomScaleLayer, type CustomScaleLayerArgs } from './custom-scale-layer';
export { LayerScale, type LayerScaleArgs } from './layer-scale';
export { StochasticDepth, type StochasticDepthArgs } from './stochastic-depth';
