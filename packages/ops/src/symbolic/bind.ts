import * as tf from '@tensorflow/tfjs-core';
import { KerasTensor } from './keras-tensor';
import { functionName, isRequired, type OpSignature, paramName } from './signatures';

/** A Keras function's arguments by Keras parameter name (snake_case); `*name` parameters hold arrays. */
export type BoundParams = Record<string, unknown>;

const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** An options object, as opposed to a tensor, a tensor-like array or a symbolic tensor. */
export function isOptionsObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof tf.Tensor) &&
    !(value instanceof KerasTensor) &&
    !ArrayBuffer.isView(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

/**
 * Binds a Strata call (Keras's required parameters positionally, then one options object with the others in
 * camelCase) to Keras's parameter names.
 */
export function bindStrataCall(signature: OpSignature, args: unknown[]): BoundParams {
  const opName = `ops.${camel(functionName(signature))}`;
  const bound: BoundParams = {};
  const optional = signature.params.filter((p) => !isRequired(p) && !paramName(p).startsWith('*'));
  let i = 0;
  for (const param of signature.params) {
    const name = paramName(param);
    if (name.startsWith('**')) continue;
    if (name.startsWith('*')) {
      const rest = args.slice(i);
      if (optional.length > 0 && rest.length > 0 && isOptionsObject(rest[rest.length - 1])) rest.pop();
      bound[name.slice(1)] = rest;
      i += rest.length;
    } else if (isRequired(param)) {
      if (i >= args.length) throw new TypeError(`${opName} is missing its argument "${camel(name)}" (received ${args.length} arguments).`);
      bound[name] = args[i++];
    }
  }
  const options = args[i];
  if (i < args.length - 1 || (options !== undefined && !isOptionsObject(options))) {
    throw new TypeError(
      `${opName} takes ${signature.params.filter(isRequired).length} positional arguments and an options object, but received ${args.length} arguments.`,
    );
  }
  for (const param of optional) bound[paramName(param)] = (param as [string, unknown])[1];
  if (options !== undefined) {
    for (const [key, value] of Object.entries(options)) {
      // Matched through camelCase, so that `beta_1` is `beta1` both ways.
      const param = optional.find((p) => camel(paramName(p)) === key);
      if (!param) {
        throw new TypeError(
          `${opName} has no option "${key}"; its options are ${optional.map((p) => camel(paramName(p))).join(', ') || 'none'}.`,
        );
      }
      if (value !== undefined) bound[paramName(param)] = value;
    }
  }
  return bound;
}

/** The Strata call (positional arguments, then the options object if any option is set) for bound parameters. */
export function strataCallOf(signature: OpSignature, bound: BoundParams): unknown[] {
  const args: unknown[] = [];
  const options: Record<string, unknown> = {};
  for (const param of signature.params) {
    const name = paramName(param);
    if (name.startsWith('**')) continue;
    if (name.startsWith('*')) args.push(...((bound[name.slice(1)] as unknown[]) ?? []));
    else if (isRequired(param)) args.push(bound[name]);
    else if (bound[name] !== undefined) options[camel(name)] = bound[name];
  }
  if (Object.keys(options).length > 0) args.push(options);
  return args;
}

/** Keras's node for bound parameters: the Operation's constructor config, and the call's args and kwargs. */
export function kerasNodeOf(signature: OpSignature, bound: BoundParams) {
  const config: Record<string, unknown> = {};
  for (const param of signature.init ?? []) {
    const name = paramName(param);
    const source = signature.initFrom?.[name];
    // Keras's auto-config holds every constructor argument, defaults included.
    config[name] = source ? (bound[source] ?? null) : typeof param === 'string' ? null : param[1];
  }
  const args: unknown[] = [];
  for (const source of signature.callArgs ?? []) {
    if (source?.startsWith('*')) args.push(...((bound[source.slice(1)] as unknown[]) ?? []));
    else args.push(bound[source as string]);
  }
  const kwargs: Record<string, unknown> = {};
  for (const [key, source] of Object.entries(signature.callKwargs ?? {})) kwargs[key] = bound[source as string] ?? null;
  return { config, args, kwargs };
}

/** The bound parameters of a Keras node: the inverse of `kerasNodeOf`. */
export function bindKerasNode(signature: OpSignature, config: Record<string, unknown>, args: unknown[], kwargs: Record<string, unknown>): BoundParams {
  const bound: BoundParams = {};
  for (const param of signature.params) if (!isRequired(param) && typeof param !== 'string') bound[param[0]] = param[1];
  for (const [name, source] of Object.entries(signature.initFrom ?? {})) {
    if (source && Object.hasOwn(config, name)) bound[source] = config[name];
  }
  const callArgs = signature.callArgs ?? [];
  callArgs.forEach((source, i) => {
    if (source?.startsWith('*')) bound[source.slice(1)] = args.slice(i);
    else if (source && i < args.length) bound[source] = args[i];
  });
  for (const [key, source] of Object.entries(signature.callKwargs ?? {})) {
    if (source && Object.hasOwn(kwargs, key)) bound[source] = kwargs[key];
  }
  return bound;
}
