import { KerasTensor } from './keras-tensor';

/**
 * Copies a node's arguments (nested arrays and plain objects) with every KerasTensor replaced by `replace(it)`;
 * any other value is kept as it is.
 */
export function mapTensors(value: unknown, replace: (tensor: KerasTensor) => unknown): unknown {
  if (value instanceof KerasTensor) return replace(value);
  if (Array.isArray(value)) return value.map((item) => mapTensors(item, replace));
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapTensors(item, replace)]));
  }
  return value;
}

/** The KerasTensors in a node's arguments, in the order Keras flattens them (depth first). */
export function tensorsIn(value: unknown): KerasTensor[] {
  const found: KerasTensor[] = [];
  mapTensors(value, (tensor) => {
    found.push(tensor);
    return tensor;
  });
  return found;
}
