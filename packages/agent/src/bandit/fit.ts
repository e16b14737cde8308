import { type Gaussian, normalCdf, normalPdf, priorOf, type ProbitPriors } from "./probit";

/** The outcomes of one option in one context: its active features, decisions with an outcome, reward sum. */
export interface CellData {
  features: readonly string[];
  n: number;
  s: number;
}

export interface FitResult {
  /** Posterior mean and marginal variance per feature. */
  weights: Record<string, Gaussian>;
  /** Posterior of each cell's score η, in input order (exact under the Laplace approximation, covariances included). */
  cells: Gaussian[];
}

/** Above this many weights the dense Newton step (cubic in the count) gives way to a diagonal one. */
export const MAX_DENSE_WEIGHTS = 400;
const MAX_ITERATIONS = 8;

/**
 * Laplace approximation of the probit posterior given every outcome so far (aggregated per context): Newton steps
 * from the previous fit to the posterior mode, then the inverse Hessian as the covariance. Unlike one-pass online
 * updates, this weighs all outcomes jointly, so correlated features (a unit, the pairs containing it, the thresholds
 * nested with it) share the credit correctly: that is what makes it learn from fewer customers.
 */
export function fitOption(
  cells: readonly CellData[],
  start: Record<string, Gaussian>,
  priors: ProbitPriors,
): FitResult {
  const index = new Map<string, number>();
  const names: string[] = [];
  const ids = cells.map((cell) =>
    cell.features.map((feature) => {
      let i = index.get(feature);
      if (i === undefined) {
        i = names.length;
        index.set(feature, i);
        names.push(feature);
      }
      return i;
    }),
  );
  const prior = names.map((name) => priorOf(name, priors));
  const w = names.map((name, i) => start[name]?.[0] ?? (prior[i] as Gaussian)[0]);
  const fit = names.length <= MAX_DENSE_WEIGHTS ? denseNewton : diagonalNewton;
  return fit(cells, ids, prior, w, names);
}

/** Gradient and curvature of the negative log-likelihood of one cell with respect to its score. */
function cellTerms(eta: number, n: number, s: number) {
  const up = normalPdf(eta) / Math.max(normalCdf(eta), 1e-300);
  const down = normalPdf(eta) / Math.max(normalCdf(-eta), 1e-300);
  return { g: (n - s) * down - s * up, h: s * up * (up + eta) + (n - s) * down * (down - eta) };
}

function scoreOf(ids: readonly number[], w: readonly number[]): number {
  let eta = 0;
  for (const i of ids) eta += w[i] as number;
  return eta;
}

function denseNewton(
  cells: readonly CellData[],
  ids: readonly number[][],
  prior: readonly Gaussian[],
  w: number[],
  names: readonly string[],
): FitResult {
  const d = w.length;
  let chol: Float64Array = new Float64Array(0);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const hessian = new Float64Array(d * d);
    const gradient = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      const [mean, variance] = prior[j] as Gaussian;
      hessian[j * d + j] = 1 / variance;
      gradient[j] = ((w[j] as number) - mean) / variance;
    }
    cells.forEach((cell, c) => {
      const active = ids[c] as number[];
      const { g, h } = cellTerms(scoreOf(active, w), cell.n, cell.s);
      for (const a of active) {
        gradient[a] = (gradient[a] as number) + g;
        for (const b of active) hessian[a * d + b] = (hessian[a * d + b] as number) + h;
      }
    });
    chol = cholesky(hessian, d);
    const step = backSubstitute(chol, forwardSubstitute(chol, gradient, d), d);
    let largest = 0;
    for (const value of step) largest = Math.max(largest, Math.abs(value));
    // A capped step keeps the first fits (few outcomes, flat likelihood) from overshooting.
    const scale = largest > 1 ? 1 / largest : 1;
    for (let j = 0; j < d; j++) w[j] = (w[j] as number) - scale * (step[j] as number);
    if (largest < 1e-4) break;
  }
  const covariance = inverseFromCholesky(chol, d);
  const weights = Object.fromEntries(names.map((name, j) => [name, [w[j], covariance[j * d + j]] as Gaussian]));
  const scores = ids.map((active): Gaussian => {
    let variance = 0;
    for (const a of active) for (const b of active) variance += covariance[a * d + b] as number;
    return [scoreOf(active, w), Math.max(variance, 1e-9)];
  });
  return { weights, cells: scores };
}

/** Coordinate-wise Newton with a diagonal Hessian: linear cost for nodes with very many units. */
function diagonalNewton(
  cells: readonly CellData[],
  ids: readonly number[][],
  prior: readonly Gaussian[],
  w: number[],
  names: readonly string[],
): FitResult {
  const d = w.length;
  const precision = new Float64Array(d);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const gradient = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      const [mean, variance] = prior[j] as Gaussian;
      precision[j] = 1 / variance;
      gradient[j] = ((w[j] as number) - mean) / variance;
    }
    cells.forEach((cell, c) => {
      const active = ids[c] as number[];
      const { g, h } = cellTerms(scoreOf(active, w), cell.n, cell.s);
      for (const a of active) {
        gradient[a] = (gradient[a] as number) + g;
        precision[a] = (precision[a] as number) + h;
      }
    });
    // Each cell touches several weights at once; dividing the step by their count keeps the joint move stable.
    const share = Math.max(1, ...ids.map((active) => active.length)) / 2;
    for (let j = 0; j < d; j++) w[j] = (w[j] as number) - (gradient[j] as number) / (precision[j] as number) / share;
  }
  const weights = Object.fromEntries(names.map((name, j) => [name, [w[j], 1 / (precision[j] as number)] as Gaussian]));
  const scores = ids.map((active): Gaussian => {
    let variance = 0;
    for (const a of active) variance += 1 / (precision[a] as number);
    return [scoreOf(active, w), variance];
  });
  return { weights, cells: scores };
}

/** Lower-triangular L with L·Lᵀ = A (A symmetric positive definite, row-major d×d). */
export function cholesky(a: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let diagonal = a[j * d + j] as number;
    for (let k = 0; k < j; k++) diagonal -= (l[j * d + k] as number) ** 2;
    const root = Math.sqrt(Math.max(diagonal, 1e-12));
    l[j * d + j] = root;
    for (let i = j + 1; i < d; i++) {
      let sum = a[i * d + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[i * d + k] as number) * (l[j * d + k] as number);
      l[i * d + j] = sum / root;
    }
  }
  return l;
}

function forwardSubstitute(l: Float64Array, b: Float64Array, d: number): Float64Array {
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= (l[i * d + k] as number) * (z[k] as number);
    z[i] = sum / (l[i * d + i] as number);
  }
  return z;
}

function backSubstitute(l: Float64Array, z: Float64Array, d: number): Float64Array {
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let sum = z[i] as number;
    for (let k = i + 1; k < d; k++) sum -= (l[k * d + i] as number) * (x[k] as number);
    x[i] = sum / (l[i * d + i] as number);
  }
  return x;
}

/** A⁻¹ = L⁻ᵀ·L⁻¹ from the Cholesky factor. */
function inverseFromCholesky(l: Float64Array, d: number): Float64Array {
  const inverseL = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    inverseL[j * d + j] = 1 / (l[j * d + j] as number);
    for (let i = j + 1; i < d; i++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= (l[i * d + k] as number) * (inverseL[k * d + j] as number);
      inverseL[i * d + j] = sum / (l[i * d + i] as number);
    }
  }
  const inverse = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = i; k < d; k++) sum += (inverseL[k * d + i] as number) * (inverseL[k * d + j] as number);
      inverse[i * d + j] = sum;
      inverse[j * d + i] = sum;
    }
  }
  return inverse;
}
