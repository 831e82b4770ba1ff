/** Keras's `keras.random`: seeded random draws and the SeedGenerator that streams their seeds. */
export { SeedGenerator, type RandomSeed } from './seed-generator';
export { type DrawOptions, beta, binomial, categorical, gamma, normal, randint, truncatedNormal, uniform } from './distributions';
export { dropout, shuffle } from './shuffle-dropout';
