import { Layer } from './engine/layer';
import * as exported from './index';

export interface RegisteredLayerClass {
  readonly className: string;
  fromConfig(config: Record<string, unknown>): Layer;
}

let cache: Record<string, RegisteredLayerClass> | undefined;

/**
 * Every layer class of this package by its Keras class name (`Dense`,
 * `Conv2D`...), for rebuilding models from Keras configs. A value to pass in,
 * never a global filled on import; an app that calls it bundles every layer.
 */
export function builtInLayers(): Record<string, RegisteredLayerClass> {
  if (!cache) {
    cache = {};
    for (const value of Object.values(exported)) {
      if (typeof value !== 'function' || !(value.prototype instanceof Layer)) continue;
      const layerClass = value as unknown as RegisteredLayerClass;
      if (typeof layerClass.fromConfig === 'function' && Object.hasOwn(layerClass, 'className')) {
        cache[layerClass.className] = layerClass;
      }
    }
  }
  return cache;
}
