import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { AppConfig } from '../shared/config';
import { AppError } from '../shared/app-error';
import { packageRoot } from '../shared/package-root';
import { DEFAULT_THRESHOLDS } from './default-thresholds';
import type { Thresholds } from './thresholds';
import { thresholdsFromText } from './thresholds';

/** Thresholds YAML (a superset of JSON); a syntax error names its line. */
export const parseThresholdsYaml = (text: string, origin: string): Thresholds =>
  thresholdsFromText(text, origin, parse);

export function loadThresholdsFile(path: string): Thresholds {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new AppError('validation', `Cannot read the thresholds file ${path}`, {
      guidance: 'Check the path given in HDC_THRESHOLDS_FILE.',
      retryable: false,
    });
  }
  return parseThresholdsYaml(text, path);
}

/**
 * Where local work (CLI, local host, bench) takes its thresholds, first match wins:
 * HDC_THRESHOLDS_JSON, HDC_THRESHOLDS_YAML (the text), the file in HDC_THRESHOLDS_FILE,
 * config/thresholds.yml beside the package, else the built-in defaults (generated from that file).
 * Forge reads only the JSON (src/forge/forge-app.ts), so that the YAML parser is not shipped.
 */
export function loadThresholds(
  source: AppConfig['thresholds'],
  root: string | undefined = safePackageRoot(),
): Thresholds {
  if (source.json !== undefined) return thresholdsFromText(source.json, 'HDC_THRESHOLDS_JSON', JSON.parse);
  if (source.yaml !== undefined) return parseThresholdsYaml(source.yaml, 'HDC_THRESHOLDS_YAML');
  if (source.file !== undefined) return loadThresholdsFile(source.file);
  const bundled = root === undefined ? undefined : join(root, 'config', 'thresholds.yml');
  if (bundled !== undefined && existsSync(bundled)) return loadThresholdsFile(bundled);
  return DEFAULT_THRESHOLDS;
}

function safePackageRoot(): string | undefined {
  try {
    return packageRoot();
  } catch {
    return undefined;
  }
}
