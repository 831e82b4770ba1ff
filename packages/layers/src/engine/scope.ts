/**
 * Keras names a variable by the name scopes open when it is created: a Dense
 * built by a Sequential model gets `sequential/dense/kernel`, the same Dense
 * built on its own `dense/kernel`. Building pushes the builder's name here.
 */
const scopes: string[] = [];

export function withNameScope<T>(name: string, body: () => T): T {
  scopes.push(name);
  try {
    return body();
  } finally {
    scopes.pop();
  }
}

export function scopedPath(name: string): string {
  return [...scopes, name].join('/');
}
