// The minimal import the bundle-size budget is about: Sequential, Dense and SGD, used.
import { Dense } from '@strata/layers';
import { Sequential } from '@strata/models';
import { SGD } from '@strata/optimizers';

export function tinyModel(): Sequential {
  const model = new Sequential([new Dense(1, { inputShape: [1] })]);
  model.compile({ optimizer: new SGD(), loss: 'mse' });
  return model;
}
