// The page every bundler builds without extra options: a small model from the one-import package.
import { Sequential, layers } from '@strata/keras';

const model = new Sequential([new layers.Dense(8, { inputShape: [4], activation: 'relu' }), new layers.Dense(1)]);
model.compile({ optimizer: 'sgd', loss: 'mse' });
const out = document.getElementById('out');
if (out) out.textContent = `${model.layers.length} layers`;
