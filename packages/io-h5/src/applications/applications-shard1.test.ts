// Half of the keras.applications fixtures (fixture-cases.ts); the other half is in applications-shard0.test.ts.
import { describeFixtures } from './fixture-cases';

describeFixtures(1);
