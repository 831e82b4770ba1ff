/**
 * Keras's object registration (keras/src/saving/object_registration.py): the
 * user's classes and functions by the name a saved config gives them,
 * `'package>Name'`. The registry starts empty and nothing registers itself on
 * import (DESIGN.md): a class joins it when the user calls
 * `registerKerasSerializable(MyLayer, { package: 'my_package' })` in their own
 * code, which Keras spells `@keras.saving.register_keras_serializable('my_package')`.
 *
 * A loader finds a name in this order, as Keras's get_registered_object: the
 * innermost `customObjectScope`, then this registry, then the `customObjects`
 * passed to the loader, then the built-in classes.
 */

/**
 * A class or function a saved config may name: a layer, loss, metric or model class, or a loss / metric function
 * (`any` arguments: Keras's registry holds any Python class or function).
 */
export type SerializableObject = (abstract new (...args: any[]) => unknown) | ((...args: any[]) => unknown);

export interface RegisterOptions {
  /** The package part of the registered name (Keras's default 'Custom'). */
  package?: string;
  /** The name within the package; default the class's Keras `className`, else its JavaScript name. */
  name?: string;
  /**
   * The `module` a saved config writes for the class. Keras writes the Python module that defined it (null for
   * a class of the script that saves), and never needs it to load a registered class, which it finds by
   * `registered_name`. Default null, as Keras writes for a class defined in the saving script.
   */
  module?: string | null;
}

export interface Registration {
  /** `'package>name'`. */
  registeredName: string;
  module: string | null;
}

/** Keras's GLOBAL_CUSTOM_OBJECTS: registered name to object. Filled only by registerKerasSerializable. */
const registered = new Map<string, unknown>();
/** Keras's GLOBAL_CUSTOM_NAMES: object to its registration. */
const registrations = new Map<unknown, Registration>();
/** The objects of the open custom object scopes, innermost last. */
const scopes: Array<Record<string, unknown>> = [];

function displayName(object: unknown): string {
  if (typeof object !== 'function') return Object.prototype.toString.call(object);
  const className = (object as { className?: unknown }).className;
  return typeof className === 'string' && Object.hasOwn(object, 'className') ? className : object.name;
}

/**
 * Registers `object` (a class with `getConfig` on its instances, or a function) under `'package>name'`, so that
 * saving writes that name as the config's `registered_name` and loading finds the object by it without
 * `customObjects`. Returns the object, so a class can be registered where it is defined:
 * `export const MyLayer = registerKerasSerializable(class MyLayer extends Layer { ... }, { package: 'demo' })`.
 */
export function registerKerasSerializable<T extends SerializableObject>(object: T, options: RegisterOptions = {}): T {
  if (typeof object !== 'function') {
    throw new TypeError(`registerKerasSerializable expects a class or a function, received ${displayName(object)}.`);
  }
  const packageName = options.package ?? 'Custom';
  const name = options.name ?? displayName(object);
  for (const [label, value] of [
    ['package', packageName],
    ['name', name],
  ] as const) {
    if (typeof value !== 'string' || value === '' || value.includes('>')) {
      throw new TypeError(`registerKerasSerializable: the ${label} should be a non-empty string without '>', received ${JSON.stringify(value)}.`);
    }
  }
  // Keras: "Cannot register a class that does not have a get_config() method." A plain function (a loss) has none and needs none.
  const isClass = /^class[\s{]/.test(Function.prototype.toString.call(object));
  if (isClass && typeof (object.prototype as { getConfig?: unknown } | undefined)?.getConfig !== 'function') {
    throw new TypeError(`Cannot register the class ${displayName(object)}: it has no getConfig() method, so a saved config could not rebuild it.`);
  }
  const registeredName = `${packageName}>${name}`;
  registered.set(registeredName, object);
  registrations.set(object, { registeredName, module: options.module ?? null });
  return object;
}

/**
 * A TypeScript decorator form of registerKerasSerializable:
 * `@kerasSerializable({ package: 'demo' }) class MyLayer extends Layer { ... }`. Registration still happens
 * only where the user writes it.
 */
export function kerasSerializable(options: RegisterOptions = {}): <T extends SerializableObject>(object: T, context?: unknown) => T {
  return (object) => registerKerasSerializable(object, options);
}

/** Keras's get_registered_name: `'package>name'` for a registered object, else its class name (or function name). */
export function getRegisteredName(object: unknown): string {
  return registrations.get(object)?.registeredName ?? displayName(object);
}

/** The registration of a class or function, or null when the user did not register it. */
export function registrationOf(object: unknown): Registration | null {
  return registrations.get(object) ?? null;
}

/**
 * Keras's get_registered_object: the object for `name` from the innermost custom object scope, else the
 * registry, else `customObjects`, else `moduleObjects`; null when none has it.
 */
export function getRegisteredObject(name: string, customObjects?: Record<string, unknown>, moduleObjects?: Record<string, unknown>): unknown {
  for (let i = scopes.length - 1; i >= 0; i--) if (Object.hasOwn(scopes[i], name)) return scopes[i][name];
  if (registered.has(name)) return registered.get(name);
  if (customObjects && Object.hasOwn(customObjects, name)) return customObjects[name];
  if (moduleObjects && Object.hasOwn(moduleObjects, name)) return moduleObjects[name];
  return null;
}

/**
 * Every object a loader may find by name, as one map: `customObjects`, overridden by the registry, overridden
 * by the open scopes (innermost last), which is Keras's precedence. Loaders take it once, when they start.
 */
export function customObjectsInScope(customObjects: Record<string, unknown> = {}): Record<string, unknown> {
  const all: Record<string, unknown> = Object.assign(Object.create(null), customObjects);
  for (const [name, object] of registered) all[name] = object;
  for (const scope of scopes) Object.assign(all, scope);
  return all;
}

/** Keras's get_custom_objects: the registry itself, by registered name (a copy: register with registerKerasSerializable). */
export function getCustomObjects(): Record<string, unknown> {
  return Object.fromEntries(registered);
}

/**
 * Keras's CustomObjectScope: while open, loading finds `objects` by name before the registry.
 * `using scope = new CustomObjectScope({...})` or `scope.enter()` / `scope.exit()`; scopes nest.
 */
export class CustomObjectScope {
  private readonly objects: Record<string, unknown>;
  private open = false;

  constructor(objects: Record<string, unknown> | null | undefined) {
    this.objects = Object.assign(Object.create(null), objects ?? {});
  }

  enter(): this {
    if (this.open) throw new Error('This CustomObjectScope is already open: enter it once, and exit it before entering it again.');
    scopes.push(this.objects);
    this.open = true;
    return this;
  }

  exit(): void {
    if (!this.open) return;
    const index = scopes.lastIndexOf(this.objects);
    if (index >= 0) scopes.splice(index, 1);
    this.open = false;
  }

  [Symbol.dispose](): void {
    this.exit();
  }
}

/**
 * Runs `fn` with `objects` findable by name (Keras's `with custom_object_scope(objects):`). When `fn` returns a
 * promise, the scope stays open until it settles. The scope is global while open, as in Keras: loads that
 * run concurrently with it see it too.
 */
export function customObjectScope<T>(objects: Record<string, unknown>, fn: () => T): T {
  const scope = new CustomObjectScope(objects).enter();
  let result: T;
  try {
    result = fn();
  } catch (error) {
    scope.exit();
    throw error;
  }
  if (result instanceof Promise) return result.finally(() => scope.exit()) as T;
  scope.exit();
  return result;
}
