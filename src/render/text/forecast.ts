// A forecast in words: "on pace for 75% by 2026-12-31 (445 ms, from 3 values)", coloured by score
// like any progress; or why there is none yet.
import { FORECAST_MIN_POINTS, FORECAST_MIN_SPREAD_DAYS, forecastMissesTarget, type Forecast } from '../../model/forecast.js';
import type { Paint } from '../paint.js';
import { formatNumber, percent, scoreColour } from './progress-cells.js';
import { printable } from '../../printable.js';

export function forecastText(forecast: Forecast, unit: string | undefined, paint: Paint): string {
  // A line that reaches the target within rounding is on pace for all of it.
  const progress = forecastMissesTarget(forecast) ? forecast.progress : 1;
  const value = unit ? `${estimate(forecast.value)} ${printable(unit)}` : estimate(forecast.value);
  return `${scoreColour(progress, paint)(`on pace for ${percent(progress)}`)} by ${forecast.day} ${paint.dim(`(${value}, from ${forecast.points} values)`)}`;
}

/** An estimate to four significant digits (whole numbers from 1000 up): a line's value is not a measurement. */
function estimate(x: number): string {
  return formatNumber(Math.abs(x) >= 1000 ? Math.round(x) : Number(x.toPrecision(4)));
}

export const NO_FORECAST = `no forecast yet: it takes ${FORECAST_MIN_POINTS} values in the cycle, at least ${FORECAST_MIN_SPREAD_DAYS} days apart`;
