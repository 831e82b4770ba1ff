import { registrationOf } from '@strata/layers';
import { LossFunctionWrapper, type Loss, serializeLoss } from '@strata/losses';
import type { Metric } from '@strata/metrics';

/**
 * Losses and metrics in a compile config, as Keras's serialize_keras_object writes them: an object of a class
 * the user registered (registerKerasSerializable) is `{module, class_name, config, registered_name: 'package>Name'}`;
 * a registered loss function is Keras's `{module: 'builtins', class_name: 'function', config: 'package>name',
 * registered_name: 'function'}` (what Keras 3.15.1 writes, quirk included); the rest as before.
 */
export function serializeCompiledLoss(loss: Loss): unknown {
  const registration = registrationOf(loss.constructor);
  if (registration) return { module: registration.module, class_name: loss.className, config: loss.getConfig(), registered_name: registration.registeredName };
  if (loss instanceof LossFunctionWrapper) {
    const functionRegistration = registrationOf(loss.fn);
    if (functionRegistration) return { module: 'builtins', class_name: 'function', config: functionRegistration.registeredName, registered_name: 'function' };
  }
  return serializeLoss(loss);
}

/** A metric identifier as the compile config writes it: a string stays one, a registered metric is its full object, another its name. */
export function serializeCompiledMetric(metric: string | Metric): unknown {
  if (typeof metric === 'string') return metric;
  const registration = registrationOf(metric.constructor);
  if (registration) return { module: registration.module, class_name: metric.className, config: metric.getConfig(), registered_name: registration.registeredName };
  return metric.name ?? 'custom';
}
