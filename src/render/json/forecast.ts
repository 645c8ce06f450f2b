// The JSON of a forecast (SPEC section 10): {value, progress, day, points}, or null when the key
// result has none (not a metric, or too little history in its cycle). Numbers unrounded.
import type { Forecast } from '../../model/forecast.js';

export interface ForecastJson {
  value: number;
  progress: number;
  day: string;
  points: number;
}

export function forecastJson(forecast: Forecast | undefined): ForecastJson | null {
  return forecast ? { value: forecast.value, progress: forecast.progress, day: forecast.day, points: forecast.points } : null;
}
