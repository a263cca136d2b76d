/** A least-squares line `y = intercept + slope × x`, with its goodness of fit. */
export interface LinearFit {
  slope: number;
  intercept: number;
  /** Coefficient of determination, 0 to 1; 0 when y does not vary (there is nothing to explain). */
  r2: number;
  points: number;
}

/**
 * Least-squares fit over points fed one at a time, keeping five running sums and nothing else. Sums are
 * taken around the first point, so large x (epoch times) and large y (heap bytes) do not lose precision.
 */
export class LinearTrend {
  private x0 = 0;
  private y0 = 0;
  private n = 0;
  private sx = 0;
  private sy = 0;
  private sxx = 0;
  private sxy = 0;
  private syy = 0;

  add(x: number, y: number): void {
    if (this.n === 0) {
      this.x0 = x;
      this.y0 = y;
    }
    const dx = x - this.x0;
    const dy = y - this.y0;
    this.n++;
    this.sx += dx;
    this.sy += dy;
    this.sxx += dx * dx;
    this.sxy += dx * dy;
    this.syy += dy * dy;
  }

  get points(): number {
    return this.n;
  }

  /** The fit so far; undefined with fewer than 2 points or when every x is the same. */
  fit(): LinearFit | undefined {
    const { n } = this;
    if (n < 2) return undefined;
    const varX = this.sxx - (this.sx * this.sx) / n;
    if (!(varX > 0)) return undefined;
    const covXY = this.sxy - (this.sx * this.sy) / n;
    const varY = this.syy - (this.sy * this.sy) / n;
    const slope = covXY / varX;
    const meanDx = this.sx / n;
    const meanDy = this.sy / n;
    const intercept = this.y0 + meanDy - slope * (this.x0 + meanDx);
    const r2 = varY > 0 ? Math.min(1, Math.max(0, (covXY * covXY) / (varX * varY))) : 0;
    return { slope, intercept, r2, points: n };
  }
}

/** The least-squares line through `points`; undefined with fewer than 2 points or a single x. */
export function linearTrend(points: Iterable<readonly [x: number, y: number]>): LinearFit | undefined {
  const trend = new LinearTrend();
  for (const [x, y] of points) trend.add(x, y);
  return trend.fit();
}
