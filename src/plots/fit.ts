// Power-law fit of benchmark figures (time ~ pixels^exponent): the engine's, shared with its cost curves.
export { fitExponent, fittedPowerLaw, type PowerLaw } from '../engine/analysis/powerLaw';
