// Half of the keras.applications fixtures (fixture-cases.ts); the other half is in applications-shard1.test.ts.
import { describeFixtures } from './fixture-cases';

describeFixtures(0);
