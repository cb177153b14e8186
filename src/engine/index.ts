/** The engine's public surface: everything above it (workbook, worker, pane, CLI) imports from here. */
export * from './types.js';
export { cellText, isBlank, parseNumberCell, parseSegment, normalizeHeader } from './cells.js';
export { readBook, REPS_COLUMNS, ACCOUNTS_COLUMNS } from './read.js';
export { thresholdSlider, bookThresholdSlider, segmentOf, roundHalfUp, sliderPosition, nearestPosition } from './segment.js';
export { allocate, allocateLoads, moveBudget, nameRanks, isHighRisk, EngineSession, STEP_LOCK, STEP_GREEDY, type Allocation, type SegmentLoads, type SegmentRefinement } from './allocate.js';
export { refineSegment, refineSegmentSteps, runToEnd, segmentF, RefineCancelled, type RefineRecord, type RefineResult, type RefineControl } from './refine.js';
export { floorCv, waterFillLoads, evenCountLoads, type FloorCv } from './floor.js';
export { evaluate, evaluateSteps, accountMoved, overallFairness, dealSizeRatio, originalBooks, type Evaluation, type SegmentResult, type LoadsRun } from './evaluate.js';
export { driverScore, driverStats, band, shownScore, customComposite, balancedComposite, overallComposite, type DriverScore, type DriverScores, type DriverStats, type DriverSet, type Band } from './metrics.js';
export { AuditReplay, auditRecords, auditRecord, auditStepAccount, auditStepCount, findAuditSteps, type AuditRecord, type AuditCandidate, type ReasonCode } from './audit.js';
export { sensitivity, sensitivityThresholds, sensitivitySample, type SensitivitySample } from './sensitivity.js';
export { optimizeWeights, optimizeResult, weightGrid, weightGridSize, scoreWeights, scoreWeightsAt, coarseGridIndices, COARSE_STEP, pickBestWeights, type OptimizeResult, type OptimizeOptions } from './optimize.js';
export { runOptimize, type OptimizeLane, type ScheduleOptions } from './optimize-schedule.js';
export { scoreWeightsPruned, fillScoreBound, type PruneOptions } from './optimize-prune.js';
export { accountMoves, movementTotals, driverChanges, type AccountMove, type DriverChange, type MovementTotals } from './compare.js';
export { exportCsv, parseCsv, csvText } from './csv.js';
export {
  defaultSettings, defaultsFor, checkSettings, settingsSchema, settingsKey, settingsFileSchema, parseSettingsFile, settingsOverDefaults, type SettingsFile,
  DEFAULT_WEIGHTS, DEFAULT_WEIGHTS_NO_RISK, DEFAULT_BONUS, DEFAULT_RISK_CUTOFF, MAX_BONUS, DEFAULT_MODE, DEFAULT_REFINE, DEFAULT_BUDGET, NO_CAPS,
} from './settings.js';
export { sameWeights, setWeight, setWeightLeastRecent, INITIAL_WEIGHT_ORDER, type WeightEditOrder } from './weights.js';
export { countOf, formatMoney, formatMoneyFull, formatScore, formatScores, formatPercent } from './format.js';
export { buildReport, errorReport, type ErrorReportSettings, type ReportOptions } from './report.js';
export { thresholdGuards, dominantDriverNote, type ThresholdGuard } from './guards.js';
export {
  scenarioSchema, scenarioResultsSchema, storedStateSchema, parseStoredState, settingsToFile, scenarioResults, inputHash, checkScenarioName,
  SCENARIO_NAME_MAX, type Scenario, type ScenarioResults, type StoredState, type ScenarioNameCheck,
} from './scenarios.js';
export type { RunOutput } from './run-output.js';
export { keyedSettings, type KeyedSettings } from './keyed-settings.js';
export { BAND_PALETTE } from './band-palette.js';
