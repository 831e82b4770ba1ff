// The one-import entry of the keras-package budget, written as a page's script (an app build keeps what it runs):
// `{ Sequential, layers }` from @strata/keras, used.
import { Sequential, layers } from '@strata/keras';

const model = new Sequential([new layers.Dense(1, { inputShape: [1] })]);
model.compile({ optimizer: 'sgd', loss: 'mse' });
console.log(`${model.name}: ${model.layers.length} layer`);
