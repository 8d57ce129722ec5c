import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMPTY_TRACKER, type Dhis2Dataset } from './types.js';
import { DatasetError, validateMetadata } from './validateMetadata.js';
import { validateTracker } from './validateTracker.js';

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DatasetError(`${path}: cannot be read (${(error as Error).message})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DatasetError(`${path}: is not valid JSON (${(error as Error).message})`);
  }
}

/**
 * A dataset from a folder: `metadata.json` (an `/api/metadata` export, any subset) and optionally `tracker.json`
 * (an `/api/tracker` export). Malformed input throws an Error naming the file and the record (index and uid).
 */
export function loadDatasetFromDir(dir: string): Dhis2Dataset {
  const metadataFile = join(dir, 'metadata.json');
  if (!existsSync(metadataFile))
    throw new DatasetError(`${metadataFile}: not found (a dataset folder needs metadata.json)`);
  const metadata = validateMetadata(metadataFile, readJson(metadataFile));
  const trackerFile = join(dir, 'tracker.json');
  const tracker = existsSync(trackerFile)
    ? validateTracker(trackerFile, readJson(trackerFile), metadata)
    : EMPTY_TRACKER;
  return { description: `folder ${dir}`, metadata, tracker };
}
