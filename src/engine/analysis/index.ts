// Visual analyses of heat-conduction models (vHeat, HcNet; the ERF also of the rivals ConvNeXt and ViT) and the cost of
// their token mixers against map size: what the playground's worker calls.

export { AnalysisInputError } from './errors';
export { highContributionAreaRatios, PAPER_AREA_THRESHOLDS, type AreaRatio } from './areaRatio';
export { logNormalised, valueRange } from './displayMaps';
export { principalBasis, principalBasisFromCovariance, projectOnBasis, type PrincipalBasis } from './principalComponents';
export { principalBasisOfMap, reduceFrames, type FrameMaps, type FrameView } from './frameReductions';
export { captureBlock, disposeCapture } from './blockCapture';
export { diffuseAtTimes, diffusionTimes, heatFramesFromCapture, type ConductionFrameView, type HeatFrames, type HeatFrameView } from './heatFrames';
export { channelConduction, conductingChannels, type ChannelConduction } from './channelConduction';
export {
  frequencyDecay,
  LOG_MAGNITUDE_DECADES,
  operatorSteps,
  type FrequencyDecay,
  type OperatorChannel,
  type OperatorPicture,
  type OperatorSteps,
} from './operatorSteps';
export { VISIBLE_CHANGE_THRESHOLD, visibleChangeFraction, type DisplayScaling, type VisibleChangeOptions } from './visibleChange';
export { blockRate, blockSpatialKernel, pointResponse, spatialKernelMap, type KernelView, type MapPosition, type SpatialKernelMap } from './pointResponse';
export { diffusivitySpectrum, type DiffusivitySpectrum, type SpectrumQuantity, type SpectrumView } from './diffusivitySpectrum';
export { explicitStepBound, explicitStepStability, type ExplicitStepBound, type StabilityReport } from './hcnetStability';
export { explicitHeatSteps, hcnetStepFramesFromCapture, recordedSteps, type HcNetStepFrames, type StepFrameView } from './hcnetSteps';
export { imageToStagePosition, stageCentre, stageStride, stageToImagePosition } from './positions';
export {
  averageEffectiveReceptiveField,
  effectiveReceptiveField,
  ErfAverager,
  effectiveReceptiveFieldAtDepth,
  erfContribution,
  erfContributionAtDepth,
  type ContributionRule,
  type ErfMap,
  type ErfOptions,
} from './effectiveReceptiveField';
export { depthLabel, networkDepths, type NetworkDepth } from './networkDepths';
export {
  COST_DEFAULTS,
  COST_OPERATORS,
  COST_THEORY,
  largestIntermediateBytes,
  measureCostVsSize,
  type CostCurve,
  type CostOperator,
  type CostOptions,
  type CostPoint,
  type CostProgress,
  type CostResult,
  type CostStop,
} from './costVsSize';
export { fitExponent, fittedPowerLaw, type PowerLaw } from './powerLaw';
