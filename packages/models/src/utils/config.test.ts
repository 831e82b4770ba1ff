import { describe, expect, it } from 'vitest';
import { ValueError } from '../errors';
import { Config, ConfigAttributeError } from './config';

describe('Config (keras.utils.Config)', () => {
  it('reads and writes entries as properties and by name', () => {
    const config = new Config({ learning_rate: 0.1, momentum: 0.9 });
    config.use_ema = true;
    config.set('seed', 123);
    expect(config.learning_rate).toBe(0.1);
    expect(config.get('seed')).toBe(123);
    expect(config.seed).toBe(123);
    expect(config.get('absent')).toBeNull();
    expect(config.get('absent', 7)).toBe(7);
    expect(config.keys()).toEqual(['learning_rate', 'momentum', 'use_ema', 'seed']);
    expect(config.values()).toEqual([0.1, 0.9, true, 123]);
    expect(config.items()[2]).toEqual(['use_ema', true]);
    expect(config.size).toBe(4);
    expect(config.has('momentum')).toBe(true);
    expect('momentum' in config).toBe(true);
    // Keras iterates the names sorted.
    expect([...config]).toEqual(['learning_rate', 'momentum', 'seed', 'use_ema']);
    expect(Object.keys(config)).toEqual(['learning_rate', 'momentum', 'use_ema', 'seed']);
    expect({ ...config }).toEqual({ learning_rate: 0.1, momentum: 0.9, use_ema: true, seed: 123 });
  });

  it("names the closest entry when one is missing, as Keras's difflib suggestion", () => {
    const config = new Config({ learning_rate: 0.1, momentum: 0.9 });
    expect(() => config.learning_rte).toThrow(ConfigAttributeError);
    expect(() => config.learning_rte).toThrow("Unknown attribute: 'learning_rte'. Did you mean 'learning_rate'?");
    expect(() => config.batch_size).toThrow(/^Unknown attribute: 'batch_size'\.$/);
    // JavaScript's own probes are not errors: a Config is not a promise.
    expect(config.then).toBeUndefined();
  });

  it('refuses every change while frozen, and takes them again once unfrozen', () => {
    const config = new Config({ optimizer: 'adam' });
    config.freeze();
    expect(config.frozen).toBe(true);
    const message = 'Cannot mutate attribute(s) because the config is frozen.';
    expect(() => {
      config.foo = 'bar';
    }).toThrow(message);
    expect(() => config.set('foo', 1)).toThrow(ValueError);
    expect(() => config.update({ foo: 1 })).toThrow(message);
    expect(() => config.pop('optimizer')).toThrow(message);
    expect(() => config.delete('optimizer')).toThrow(message);
    expect(config.keys()).toEqual(['optimizer']);
    config.unfreeze();
    config.foo = 'bar';
    expect(config.pop('optimizer')).toBe('adam');
    expect(config.pop('optimizer', 'gone')).toBe('gone');
    expect(() => config.pop('optimizer')).toThrow("Config has no entry 'optimizer' to pop.");
    config.update(new Config({ seed: 1 }));
    delete config.foo;
    expect(config.asDict()).toEqual({ seed: 1 });
  });

  it("serialises to JSON laid out as Keras's to_json (Python's json.dumps)", () => {
    const config = new Config({ learning_rate: 0.5, layers: [1, 2], nested: { name: 'a', on: true, none: null } });
    expect(config.toJson()).toBe('{"learning_rate": 0.5, "layers": [1, 2], "nested": {"name": "a", "on": true, "none": null}}');
    expect(JSON.parse(config.toJson())).toEqual(config.asDict());
    // asDict is a copy.
    const copy = config.asDict();
    copy.learning_rate = 1;
    expect(config.learning_rate).toBe(0.5);
  });

  it("keeps its own members: setting one as a property is refused, set() stores it as an entry", () => {
    const config = new Config();
    expect(() => {
      (config as Record<string, unknown>).keys = 1;
    }).toThrow("Cannot set 'keys' on a Config as a property: it is one of Config's own members. Use config.set('keys', value).");
    config.set('keys', 1);
    expect(config.get('keys')).toBe(1);
    expect(config.keys()).toEqual(['keys']);
  });
});
