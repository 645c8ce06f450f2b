// Worker thread entry: analyses its share of a large workspace's files (read, parse, validate,
// build) and sends the results back. See load-parallel.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeJobs, type AnalysisBatch } from './load-parallel.js';

const batch = workerData as AnalysisBatch;
parentPort!.postMessage(analyzeJobs(batch));
