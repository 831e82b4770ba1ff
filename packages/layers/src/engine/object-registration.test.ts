import { beforeAll, describe, expect, it } from 'vitest';
import { Dense } from '../core/dense';
import { Layer, type Tensors } from './layer';
import {
  CustomObjectScope,
  customObjectScope,
  customObjectsInScope,
  getCustomObjects,
  getRegisteredName,
  getRegisteredObject,
  kerasSerializable,
  registerKerasSerializable,
  registrationOf,
} from './object-registration';

class Doubler extends Layer {
  static override className = 'Doubler';
  override call(inputs: Tensors): Tensors {
    return inputs;
  }
}

describe('object registration, as keras.saving does it', () => {
  it('starts empty: importing Strata registers nothing', () => {
    expect(getCustomObjects()).toEqual({});
    expect(getRegisteredObject('Custom>Dense')).toBeNull();
    expect(registrationOf(Dense)).toBeNull();
  });

  it("registers under 'package>name', by default package 'Custom' and the class's Keras className", () => {
    class Tripler extends Doubler {
      static override className = 'Tripler';
    }
    expect(registerKerasSerializable(Tripler)).toBe(Tripler);
    expect(getRegisteredName(Tripler)).toBe('Custom>Tripler');
    expect(getRegisteredObject('Custom>Tripler')).toBe(Tripler);
    expect(registrationOf(Tripler)).toEqual({ registeredName: 'Custom>Tripler', module: null });
    const layer = new Tripler();
    expect(layer.registeredName).toBe('Custom>Tripler');
    expect(layer.kerasModule).toBeNull();
  });

  it('takes a package, a name and a module; a subclass is not registered by its parent', () => {
    class Halver extends Doubler {
      static override className = 'Halver';
    }
    class Quarterer extends Halver {}
    registerKerasSerializable(Halver, { package: 'my_package', name: 'Half', module: 'my_module' });
    expect(getRegisteredName(Halver)).toBe('my_package>Half');
    expect(new Halver().kerasModule).toBe('my_module');
    // Keras's get_registered_name: an unregistered object answers its own name.
    expect(getRegisteredName(Quarterer)).toBe('Quarterer');
    expect(new Quarterer().registeredName).toBeNull();
    expect(getRegisteredName(Dense)).toBe('Dense');
  });

  it('registers plain functions (a loss) and keeps the built-in layers unregistered', () => {
    const myLoss = (yTrue: unknown, yPred: unknown) => [yTrue, yPred];
    registerKerasSerializable(myLoss, { package: 'losses_pkg' });
    expect(getRegisteredName(myLoss)).toBe('losses_pkg>myLoss');
    expect(new Dense(2).registeredName).toBeNull();
    expect(new Dense(2).kerasModule).toBe('keras.layers');
  });

  it('has a decorator form that registers where it is written', () => {
    const decorate = kerasSerializable({ package: 'deco' });
    class Decorated extends Doubler {
      static override className = 'Decorated';
    }
    expect(decorate(Decorated)).toBe(Decorated);
    expect(getRegisteredObject('deco>Decorated')).toBe(Decorated);
  });

  it('refuses a class without getConfig, a package or name with ">", and a value that is no class or function', () => {
    class NoConfig {}
    expect(() => registerKerasSerializable(NoConfig)).toThrow(/Cannot register the class NoConfig: it has no getConfig\(\) method/);
    expect(() => registerKerasSerializable(Doubler, { package: 'a>b' })).toThrow(/package should be a non-empty string without '>', received "a>b"/);
    expect(() => registerKerasSerializable(Doubler, { name: '' })).toThrow(/name should be a non-empty string/);
    expect(() => registerKerasSerializable({} as never)).toThrow(/expects a class or a function, received \[object Object\]/);
  });
});

describe("finding an object by name: scope, then registry, then customObjects, then moduleObjects (Keras's get_registered_object)", () => {
  class Registered extends Doubler {}
  class Scoped extends Doubler {}
  class Given extends Doubler {}
  beforeAll(() => {
    registerKerasSerializable(Registered, { package: 'order', name: 'Thing' });
  });

  it('the registry wins over customObjects and moduleObjects; those answer names the registry lacks', () => {
    expect(getRegisteredObject('order>Thing', { 'order>Thing': Given }, { 'order>Thing': Scoped })).toBe(Registered);
    expect(getRegisteredObject('other>Thing', { 'other>Thing': Given }, { 'other>Thing': Scoped })).toBe(Given);
    expect(getRegisteredObject('module>Thing', {}, { 'module>Thing': Scoped })).toBe(Scoped);
    expect(getRegisteredObject('nowhere>Thing', { constructor: Given })).toBeNull();
  });

  it('an open scope wins over the registry, nested scopes over outer ones, and each closes after its function', () => {
    const seen = customObjectScope({ 'order>Thing': Scoped }, () => [
      getRegisteredObject('order>Thing'),
      customObjectScope({ 'order>Thing': Given }, () => getRegisteredObject('order>Thing')),
      getRegisteredObject('order>Thing'),
    ]);
    expect(seen).toEqual([Scoped, Given, Scoped]);
    expect(getRegisteredObject('order>Thing')).toBe(Registered);
  });

  it('closes the scope when the function throws, and after an async function settles', async () => {
    expect(() =>
      customObjectScope({ 'order>Thing': Scoped }, () => {
        throw new Error('inside');
      }),
    ).toThrow('inside');
    expect(getRegisteredObject('order>Thing')).toBe(Registered);
    const pending = customObjectScope({ 'order>Thing': Scoped }, async () => {
      await Promise.resolve();
      return getRegisteredObject('order>Thing');
    });
    expect(getRegisteredObject('order>Thing')).toBe(Scoped);
    expect(await pending).toBe(Scoped);
    expect(getRegisteredObject('order>Thing')).toBe(Registered);
  });

  it('CustomObjectScope opens with enter(), closes with exit() or `using`, and refuses to open twice', () => {
    const scope = new CustomObjectScope({ 'order>Thing': Scoped });
    scope.enter();
    expect(() => scope.enter()).toThrow(/already open/);
    expect(getRegisteredObject('order>Thing')).toBe(Scoped);
    scope.exit();
    expect(getRegisteredObject('order>Thing')).toBe(Registered);
    {
      using _open = new CustomObjectScope({ 'order>Thing': Given }).enter();
      expect(getRegisteredObject('order>Thing')).toBe(Given);
    }
    expect(getRegisteredObject('order>Thing')).toBe(Registered);
  });

  it('customObjectsInScope merges the three with the same precedence, for a loader to take once', () => {
    const merged = customObjectScope({ 'scoped>Only': Scoped }, () => customObjectsInScope({ 'order>Thing': Given, 'given>Only': Given }));
    expect(merged['order>Thing']).toBe(Registered);
    expect(merged['given>Only']).toBe(Given);
    expect(merged['scoped>Only']).toBe(Scoped);
    expect(Object.getPrototypeOf(merged)).toBeNull();
  });
});
